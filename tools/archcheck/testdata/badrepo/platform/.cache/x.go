package x

import _ "bazaar/modules/catalog" // skipped folder: never checked
