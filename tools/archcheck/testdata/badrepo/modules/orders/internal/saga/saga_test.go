package saga

import (
	_ "bazaar/modules/catalog/catalogtest" // fake in a test: allowed
	_ "bazaar/modules/catalog/module"      // booting the real neighbour in a test: allowed
)
