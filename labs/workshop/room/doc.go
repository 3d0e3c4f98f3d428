// Package room is the room of a workshop: the teacher's perflab opens an
// embedded NATS server, publishes the lesson it is on, and counts the
// answers of the participants who joined it with perflab join.
//
// The server enforces who may do what. The teacher's connection uses a user
// whose password never leaves the process and may do anything. Every
// participant uses the room's token: it may read the lesson's state, ask for
// it, and publish answers and the results of its own races, but not read
// anyone's answers or results. An answer names
// its participant in its subject as well as in its body, and the teacher
// drops one where the two differ; a participant's subject is a random ID
// that no one else ever sees, so a participant can speak only for itself.
//
// Every message is checked on receipt (its size, its shape, its figures):
// one that fails is dropped and counted, never trusted.
package room
