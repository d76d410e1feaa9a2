package saga

import _ "bazaar/modules/catalog/catalogtest" // fake in a test: allowed
