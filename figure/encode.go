package figure

import "fmt"

// Encode draws the figure from the table in one format (png, svg or pdf) and
// returns the file's bytes — those [Render] writes for that format — without
// touching files.
func Encode(s Spec, t *Table, format string) ([]byte, error) {
	panels, err := layout(s, t)
	if err != nil {
		return nil, err
	}
	data, err := encode(panels, s.Width, s.Height, format)
	if err != nil {
		return nil, fmt.Errorf("figure %s: %w", s.Name, err)
	}
	return data, nil
}
