package ishigami_test

import (
	"fmt"

	"github.com/statecraft/statecraft/model/ishigami"
)

func ExampleExact() {
	ix := ishigami.Exact(7, 0.1)
	fmt.Printf("S1 = %.4f, S2 = %.4f, S3 = %.4f\n", ix.First[0], ix.First[1], ix.First[2])
	fmt.Printf("ST1 = %.4f, ST2 = %.4f, ST3 = %.4f\n", ix.Total[0], ix.Total[1], ix.Total[2])
	fmt.Printf("S13 = %.4f, V = %.4f\n", ix.Second[0][2], ix.Variance)
	// Output:
	// S1 = 0.3139, S2 = 0.4424, S3 = 0.0000
	// ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437
	// S13 = 0.2437, V = 13.8446
}
