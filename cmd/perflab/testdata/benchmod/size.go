package benchmod

// Size is the work one call does. Revision B of the example sets it to
// 1100: a planted 10 % more.
const Size = 1000
