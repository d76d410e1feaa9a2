package web

import (
	_ "bazaar/modules/catalog" // violation
	_ "bazaar/platform/session"
)
