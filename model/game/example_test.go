package game_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/statecraft/statecraft/model/game"
)

// A coordination game with a mixed equilibrium between its two pure ones.
func ExampleSolve() {
	g, err := game.Parse([]byte(`NFG 1 R "Battle of the sexes" { "Ann" "Bob" }
{ { "Opera" "Football" } { "Opera" "Football" } }
""
2 1 0 0 0 0 1 2
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := game.Solve(g, "enum")
	if err != nil {
		fmt.Println(err)
		return
	}
	r.WriteText(os.Stdout)
	// Output:
	// Game: Battle of the sexes
	// Method: enum — every extreme equilibrium, by vertex enumeration (exact; 2 players)
	// 3 equilibria
	//
	// 1. Ann      Opera
	//    Bob      Opera
	//    payoffs  2, 1
	//
	// 2. Ann      Opera 2/3, Football 1/3
	//    Bob      Opera 1/3, Football 2/3
	//    payoffs  2/3, 2/3
	//
	// 3. Ann      Football
	//    Bob      Football
	//    payoffs  1, 2
}

// The JSON form scripts read.
func ExampleReport() {
	g, _ := game.BimatrixInt([][]int64{{3, 0}, {5, 1}}, [][]int64{{3, 5}, {0, 1}})
	r, _ := game.Solve(g, "pure")
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	// Output:
	// {"game":"","method":"pure","equilibria":[{"profile":[[0,1],[0,1]],"payoffs":[1,1],"exact":[["0","1"],["0","1"]]}]}
}

// A malformed file gets one error with its line and column.
func ExampleParse_error() {
	_, err := game.Parse([]byte("NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 x"))
	fmt.Println(err)
	// Output:
	// line 2, column 7: expected the payoff of player 2 at profile 2 (of 4), found "x"
}

// Every extreme equilibrium of the degenerate game of Winkels (1979),
// exactly: twelve, two of them pure (as Gambit finds).
func ExampleEnumerate() {
	g, _ := game.Parse([]byte(`NFG 1 R "Winkels" { "1" "2" } { 6 2 }
1 1 1 0 3 -2 3 4 5/2 -1 5/2 6 3 2 3 -1 1 2 1 -1 5/2 6 5/2 -1`))
	es, _ := game.Enumerate(g)
	pure := 0
	for _, e := range es {
		if e.IsPure() {
			pure++
		}
	}
	fmt.Println(len(es), "extreme equilibria,", pure, "pure")
	// Output:
	// 12 extreme equilibria, 2 pure
}

// The YAML form a config embeds.
func ExampleToYAMLMap() {
	g, _ := game.BimatrixInt([][]int64{{3, 0}, {5, 1}}, [][]int64{{3, 5}, {0, 1}})
	m := game.ToYAMLMap(g)
	fmt.Println(m["payoffs"])
	// Output:
	// [[[3 3] [0 5]] [[5 0] [1 1]]]
}
