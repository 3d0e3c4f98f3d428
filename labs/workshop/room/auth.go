package room

import (
	"crypto/subtle"
	"regexp"

	"github.com/nats-io/nats-server/v2/server"
)

// teacherUser is the teacher's user name. Its password is made for the
// process and never leaves it: no one else can log in as the teacher.
const teacherUser = "teacher"

// participantName is the shape of a participant's user name: it is a
// subject's last token and an inbox's, so it holds no dot, wildcard or
// space, and it is long enough (a token of NewToken is 32 hexadecimal
// digits) that no participant guesses another's.
var participantName = regexp.MustCompile(`^[a-z0-9]{16,64}$`)

// ValidParticipant reports whether user is a participant's user name a
// room accepts.
func ValidParticipant(user string) bool { return participantName.MatchString(user) }

// auth is the room server's authentication: the teacher with its own
// password, and any participant whose user name has the participant's
// shape with the room's token as its password. Each participant is given
// permissions of its own, so that the server, not the teacher's checks,
// makes sure that a participant publishes only as itself.
type auth struct {
	teacherPass, token string
}

var _ server.Authentication = auth{}

// Check lets in the teacher and the participants, and gives each its
// permissions.
func (a auth) Check(c server.ClientAuthentication) bool {
	o := c.GetOpts()
	if o == nil || c.Kind() != server.CLIENT {
		return false
	}
	switch {
	case o.Username == teacherUser && same(o.Password, a.teacherPass):
		// The teacher may do anything: nil permissions are all.
		c.RegisterUser(&server.User{Username: teacherUser})
		return true
	case ValidParticipant(o.Username) && same(o.Password, a.token):
		c.RegisterUser(&server.User{Username: o.Username, Permissions: participantPermissions(o.Username)})
		return true
	}
	return false
}

// same compares two secrets in a time that does not depend on where they
// differ.
func same(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// participantPermissions let the participant user ask for and read the
// lesson, publish its own answers and results, and read the replies to its
// own requests, in an inbox of its own: nothing else, and in particular no
// one's answers, results or replies.
func participantPermissions(user string) *server.Permissions {
	return &server.Permissions{
		Publish: &server.SubjectPermission{Allow: []string{
			SubjectStateGet, SubjectAnswer + "." + user, SubjectResult + "." + user,
		}},
		Subscribe: &server.SubjectPermission{Allow: []string{SubjectState, inbox(user) + ".>"}},
	}
}

// inbox is the prefix of the participant user's inboxes, where the
// replies to its requests come.
func inbox(user string) string { return "_INBOX." + user }
