// Package room is the room of a workshop: the teacher's perflab opens an
// embedded NATS server, publishes the lesson it is on, and counts the
// answers of the participants who joined it with perflab join.
//
// The server enforces who may do what. The teacher's connection uses a user
// whose password never leaves the process and may do anything. Every
// participant logs in as a user of its own, a random ID no one else ever
// sees, with the room's token as its password; the server gives that user
// leave to read the lesson's state, ask for it, publish answers and
// results under its own ID only (room.answer.ID, room.result.ID), and read
// replies in an inbox of its own: never anyone's answers, results or
// replies. An answer names its participant in its body as well, and the
// teacher drops one where the body and the subject differ.
//
// Every message is checked on receipt (its size, its shape, its figures,
// a name fit for the teacher's screen): one that fails is dropped and
// counted by why (Drops), never trusted. A participant's result of a race
// the teacher has left is still taken, within LateResults, so that a
// participant who finishes late is kept with that race.
package room
