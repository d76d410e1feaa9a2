package accounts

import "time"

// TopicUserRegistered is published when someone creates an account.
const TopicUserRegistered = "accounts.UserRegistered.v1"

// UserRegistered is the payload of TopicUserRegistered.
type UserRegistered struct {
	UserID       string    `json:"user_id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	RegisteredAt time.Time `json:"registered_at"`
}
