package orders

import "bazaar/modules/catalog" // root package: allowed

var _ catalog.Service
