package sweep

import (
	"bufio"
	"encoding/csv"
	"io"
)

// CSVSink writes rows as RFC 4180 CSV with a header line.
type CSVSink struct {
	buf *bufio.Writer
	w   *csv.Writer
}

// NewCSVSink returns a sink writing to w. Call Flush at the end.
func NewCSVSink(w io.Writer) *CSVSink {
	buf := bufio.NewWriterSize(w, 1<<16)
	return &CSVSink{buf: buf, w: csv.NewWriter(buf)}
}

// WriteHeader writes the column names.
func (c *CSVSink) WriteHeader(columns []string) error { return c.w.Write(columns) }

// WriteRow writes one row.
func (c *CSVSink) WriteRow(fields []string) error { return c.w.Write(fields) }

// Flush writes buffered rows to the underlying writer.
func (c *CSVSink) Flush() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}
