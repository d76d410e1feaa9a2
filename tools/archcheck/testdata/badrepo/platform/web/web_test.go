package web

import _ "bazaar/app" // violation, even in a test
