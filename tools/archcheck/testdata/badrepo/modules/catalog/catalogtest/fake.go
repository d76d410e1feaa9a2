package catalogtest

import "bazaar/modules/catalog" // same module: allowed

type Fake struct{ Products map[string]catalog.Product }
