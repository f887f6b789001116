package figure

// Encode draws the figure from the table in one format (png, svg or pdf) and
// returns the file's bytes — those [Render] writes for that format — without
// touching files. Errors are as Render's.
func Encode(s Spec, t *Table, format string, labels Labels) ([]byte, error) {
	panels, err := draw1(s, t, labels)
	if err != nil {
		return nil, figureError(s.Name, err)
	}
	data, err := encode(panels, s.Width, s.Height, format)
	if err != nil {
		return nil, figureError(s.Name, err)
	}
	return data, nil
}
