package jobs

// Backoff exposes the retry delay function to the external tests.
var Backoff = backoff
