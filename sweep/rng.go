package sweep

import "math/rand/v2"

// splitmix64 is the finaliser of Steele, Lea & Flood's SplitMix64 (OOPSLA
// 2014): a bijective mix whose outputs for consecutive inputs look
// independent, used to turn (seed, cell, replication) into PCG seeds.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// StreamSeed returns the two PCG seed words of the random stream of
// replication rep of cell cell under the run seed. Every (seed, cell, rep)
// has its own stream, so results do not depend on which worker runs what.
func StreamSeed(seed, cell, rep uint64) (uint64, uint64) {
	h := splitmix64(seed)
	h = splitmix64(h ^ cell)
	h = splitmix64(h ^ (rep * 0xd6e8feb86659fd93))
	return h, splitmix64(h ^ 0x6a09e667f3bcc909)
}

// Stream is a reusable generator: Reset reseeds it in place for a (seed, cell,
// rep) without allocating.
type Stream struct {
	pcg *rand.PCG
	Rng *rand.Rand
}

// NewStream returns a generator; call Reset before each replication.
func NewStream() *Stream {
	pcg := rand.NewPCG(0, 0)
	return &Stream{pcg: pcg, Rng: rand.New(pcg)}
}

// Reset reseeds the stream for replication rep of cell under seed.
func (s *Stream) Reset(seed, cell, rep uint64) {
	s.pcg.Seed(StreamSeed(seed, cell, rep))
}
