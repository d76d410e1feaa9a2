package skipped

import _ "bazaar/modules/orders/internal/saga" // under testdata: never checked
