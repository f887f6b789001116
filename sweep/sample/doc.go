// Package sample builds designs in the unit hypercube for sweeps over
// uncertain parameters: independent uniform points ([Random]), Latin
// hypercube samples ([LatinHypercube]) and Sobol low-discrepancy sequences
// ([Sobol], [SobolSeq]), and maps them to parameter values through each
// parameter's distribution ([Transform]).
//
// # Determinism
//
// Every design is a pure function of its size and of the random stream it is
// given: the functions take a *rand.Rand and document the order in which they
// draw from it, so the same stream state gives byte-identical points. Deriving
// streams from a run seed is the sweep engine's job (package sweep).
//
// # Sobol sequences
//
// Points follow I. M. Sobol', "On the distribution of points in a cube and
// the approximate evaluation of integrals", USSR Comput. Math. Math. Phys. 7
// (1967), generated in Gray-code order (Antonov & Saleev 1979) with the
// direction numbers of S. Joe and F. Y. Kuo, "Constructing Sobol sequences
// with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008)
// 2635–2654, file new-joe-kuo-6.21201 from their web page
// https://web.maths.unsw.edu.au/~fkuo/sobol/. Dimensions 1 to [MaxSobolDim]
// (337: every primitive polynomial up to degree 11) are embedded as a Go table
// generated from testdata/new-joe-kuo-6.21201.head337.txt, the head of that
// file with trailing blanks removed. Scrambling is Matoušek's random linear
// matrix scramble plus a digital shift (see [NewSobol]).
//
// Unscrambled, the first points are those of Joe and Kuo's reference
// program; in dimension 1: 0, 1/2, 3/4, 1/4, 3/8, 7/8, 5/8, 1/8, …
package sample
