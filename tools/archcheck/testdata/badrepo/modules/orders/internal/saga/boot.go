package saga

import _ "bazaar/modules/catalog/module" // violation: wiring another module outside a test
