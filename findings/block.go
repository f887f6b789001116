package findings

import (
	"bytes"
	"errors"
	"strings"
)

// The markers of the generated block in an experiment's README.
const (
	BeginMarker = "<!-- findings:begin -->"
	EndMarker   = "<!-- findings:end -->"
	notice      = "<!-- generated from the runs by statecraft reproduce --update-expected; do not edit -->"
)

// Markdown writes the findings as Markdown: each sentence a list item; a
// table as its caption, then the table.
func Markdown(rs []*Result) string {
	var b strings.Builder
	inList := false
	for _, r := range rs {
		if r.Text == "" && r.Table == nil {
			continue // checked, shown only through other findings
		}
		if r.Table == nil {
			b.WriteString("- " + r.Text + "\n")
			inList = true
			continue
		}
		if inList || b.Len() > 0 {
			b.WriteString("\n")
		}
		inList = false
		if r.Text != "" {
			b.WriteString(r.Text + "\n\n")
		}
		for i, row := range r.Table {
			b.WriteString("| " + strings.Join(escape(row), " | ") + " |\n")
			if i == 0 {
				b.WriteString("|" + strings.Repeat("---|", len(row)) + "\n")
			}
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

func escape(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.ReplaceAll(c, "|", `\|`)
	}
	return out
}

// Block is the README block holding the findings, markers included.
func Block(rs []*Result) string {
	return BeginMarker + "\n" + notice + "\n\n" + Markdown(rs) + "\n" + EndMarker
}

// ErrNoBlock is returned for a README without the markers.
var ErrNoBlock = errors.New("no findings block (" + BeginMarker + " … " + EndMarker + ")")

// ReadBlock returns the README's block, markers included.
func ReadBlock(readme []byte) (string, error) {
	i := bytes.Index(readme, []byte(BeginMarker))
	j := bytes.Index(readme, []byte(EndMarker))
	if i < 0 || j < i {
		return "", ErrNoBlock
	}
	return string(readme[i : j+len(EndMarker)]), nil
}

// ReplaceBlock returns the README with its block replaced by block; a README
// without one gets a Findings section at its end.
func ReplaceBlock(readme []byte, block string) []byte {
	old, err := ReadBlock(readme)
	if err != nil {
		out := bytes.TrimRight(readme, "\n")
		return append(out, []byte("\n\n## Findings\n\n"+block+"\n")...)
	}
	return bytes.Replace(readme, []byte(old), []byte(block), 1)
}
