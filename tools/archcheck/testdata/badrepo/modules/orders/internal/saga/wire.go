package saga

import _ "bazaar/modules/catalog/catalogtest" // violation: fake outside a test
