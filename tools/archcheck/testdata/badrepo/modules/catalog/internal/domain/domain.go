package domain

type Product struct{ ID string }
