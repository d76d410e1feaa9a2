module bazaar

go 1.26
