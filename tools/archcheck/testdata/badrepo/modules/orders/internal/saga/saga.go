package saga

import (
	_ "bazaar/modules/catalog/internal/store" // violation: internal
	_ "bazaar/modules/catalog/pricing"        // violation: not the root
	_ "bazaar/modules/orders"                 // same module: allowed
	_ "bazaar/platform/outbox"                // platform: allowed
)
