package sweep

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/compress/zstd"
	"github.com/parquet-go/parquet-go/encoding"

	"github.com/statecraft/statecraft/model"
)

// Parquet output. Results and raw replication records are written as Parquet
// files (zstd-compressed, row groups of ParquetRowGroup rows, so memory is
// bounded by one row group whatever the number of rows) whose columns are
// those of the CSV in the same order, typed by [Column]: Int as INT64, Float
// as DOUBLE (NaN kept), String as UTF-8 BYTE_ARRAY, Bool as BOOLEAN; nullable
// columns are OPTIONAL and hold null where the CSV says NaN. Key-value
// metadata carry what the caller passes (config hash, version). The bytes
// depend only on the rows and the metadata.

// ParquetRowGroup is the number of rows per row group.
const ParquetRowGroup = 1 << 16

// orderedGroup is a Parquet group whose columns keep the order given
// (parquet.Group sorts them by name).
type orderedGroup []parquet.Field

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return fmt.Sprintf("group(%d columns)", len(g)) }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Fields() []parquet.Field     { return g }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }
func (g orderedGroup) GoType() reflect.Type {
	fields := make([]reflect.StructField, len(g))
	for i, f := range g {
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: f.GoType(), Tag: reflect.StructTag(`parquet:"` + f.Name() + `"`)}
	}
	return reflect.StructOf(fields)
}

type namedNode struct {
	parquet.Node
	name string
}

func (n namedNode) Name() string { return n.name }
func (n namedNode) Value(base reflect.Value) reflect.Value {
	return base.Field(0) // rows are written as parquet.Row values; never called
}

func columnNode(c Column) parquet.Node {
	var n parquet.Node
	switch c.Kind {
	case Int:
		n = parquet.Int(64)
	case Float:
		n = parquet.Leaf(parquet.DoubleType)
	case Bool:
		n = parquet.Leaf(parquet.BooleanType)
	default:
		n = parquet.String()
	}
	if c.Nullable {
		n = parquet.Optional(n)
	}
	return n
}

// ParquetSchema returns the Parquet schema of columns, in their order.
func ParquetSchema(name string, cols []Column) *parquet.Schema {
	g := make(orderedGroup, len(cols))
	for i, c := range cols {
		g[i] = namedNode{Node: columnNode(c), name: c.Name}
	}
	return parquet.NewSchema(name, g)
}

// Metadata is a list of Parquet key-value pairs.
type Metadata [][2]string

func writerOptions(schema *parquet.Schema, meta Metadata) []parquet.WriterOption {
	opts := []parquet.WriterOption{
		schema,
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault, Concurrency: 1}),
		parquet.MaxRowsPerRowGroup(ParquetRowGroup),
		parquet.CreatedBy("statecraft", "", ""),
	}
	for _, kv := range meta {
		opts = append(opts, parquet.KeyValueMetadata(kv[0], kv[1]))
	}
	return opts
}

// ParquetSink writes result rows (CSV fields, as Run produces them) to a
// Parquet file typed by a plan's schema. Call Close at the end.
type ParquetSink struct {
	cols  []Column
	w     *parquet.GenericWriter[any]
	batch []parquet.Row
	n     int
}

// NewParquetSink returns a sink writing to w.
func NewParquetSink(w io.Writer, cols []Column, meta Metadata) *ParquetSink {
	s := &ParquetSink{cols: cols}
	s.w = parquet.NewGenericWriter[any](w, writerOptions(ParquetSchema("results", cols), meta)...)
	s.batch = make([]parquet.Row, 1024)
	return s
}

// WriteHeader checks the column names.
func (s *ParquetSink) WriteHeader(columns []string) error {
	if len(columns) != len(s.cols) {
		return fmt.Errorf("parquet: %d columns, schema has %d", len(columns), len(s.cols))
	}
	for i, c := range columns {
		if c != s.cols[i].Name {
			return fmt.Errorf("parquet: column %d is %q, schema says %q", i, c, s.cols[i].Name)
		}
	}
	return nil
}

// WriteRow converts one CSV row to typed values and buffers it.
func (s *ParquetSink) WriteRow(fields []string) error {
	if len(fields) != len(s.cols) {
		return fmt.Errorf("parquet: row of %d fields, want %d", len(fields), len(s.cols))
	}
	row := s.batch[s.n][:0]
	for i, f := range fields {
		v, err := ParseValue(s.cols[i], f)
		if err != nil {
			return fmt.Errorf("parquet: cell %s, column %s: %v", fields[0], s.cols[i].Name, err)
		}
		row = append(row, v.Level(0, defLevel(s.cols[i], v), i))
	}
	s.batch[s.n] = row
	s.n++
	if s.n == len(s.batch) {
		return s.flushBatch()
	}
	return nil
}

func defLevel(c Column, v parquet.Value) int {
	if c.Nullable && !v.IsNull() {
		return 1
	}
	return 0
}

func (s *ParquetSink) flushBatch() error {
	if s.n == 0 {
		return nil
	}
	if _, err := s.w.WriteRows(s.batch[:s.n]); err != nil {
		return err
	}
	s.n = 0
	return nil
}

// Close writes the buffered rows and the file footer.
func (s *ParquetSink) Close() error {
	if err := s.flushBatch(); err != nil {
		return err
	}
	return s.w.Close()
}

// ParseValue converts a CSV field of the column to a Parquet value: "NaN" in
// a nullable column is null.
func ParseValue(c Column, f string) (parquet.Value, error) {
	if c.Nullable && f == "NaN" {
		return parquet.NullValue(), nil
	}
	switch c.Kind {
	case Int:
		x, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return parquet.Value{}, err
		}
		return parquet.Int64Value(x), nil
	case Float:
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return parquet.Value{}, err
		}
		return parquet.DoubleValue(x), nil
	case Bool:
		x, err := strconv.ParseBool(f)
		if err != nil {
			return parquet.Value{}, err
		}
		return parquet.BooleanValue(x), nil
	}
	return parquet.ByteArrayValue([]byte(f)), nil
}

// FormatParquetValue writes a value read back from Parquet as its CSV field
// (null as NaN): the inverse of ParseValue.
func FormatParquetValue(c Column, v parquet.Value) string {
	if v.IsNull() {
		return "NaN"
	}
	switch c.Kind {
	case Int:
		return strconv.FormatInt(v.Int64(), 10)
	case Float:
		return FormatFloat(v.Double())
	case Bool:
		return strconv.FormatBool(v.Boolean())
	}
	return string(v.ByteArray())
}

// RawColumns are the columns of raw replication rows: cell, replication, then
// one per simulated metric (a categorical one as its level name, null when
// undefined).
func RawColumns(simulated []model.Metric) []Column {
	cols := []Column{{Name: "cell", Kind: Int}, {Name: "replication", Kind: Int}}
	for _, m := range simulated {
		if len(m.Levels) > 0 {
			cols = append(cols, Column{Name: m.Name, Kind: String, Nullable: true})
		} else {
			cols = append(cols, Column{Name: m.Name, Kind: Float})
		}
	}
	return cols
}

// WriteRawParquet converts a stream of raw records (see EncodeRaw) into a
// Parquet file, streaming: memory is one row group whatever the stream's
// length.
func WriteRawParquet(w io.Writer, r io.Reader, simulated []model.Metric, meta Metadata) (int64, error) {
	cols := RawColumns(simulated)
	pw := parquet.NewGenericWriter[any](w, writerOptions(ParquetSchema("replications", cols), meta)...)
	size := RawRecordSize(len(simulated))
	rec := make([]byte, size)
	vals := make([]float64, len(simulated))
	batch := make([]parquet.Row, 1024)
	var n int64
	fill := 0
	for {
		if _, err := io.ReadFull(r, rec); err != nil {
			if err == io.EOF {
				break
			}
			if err == io.ErrUnexpectedEOF {
				return n, fmt.Errorf("raw records: the stream ends inside a record")
			}
			return n, err
		}
		cell, rep := DecodeRaw(rec, vals)
		row := batch[fill][:0]
		row = append(row, parquet.Int64Value(int64(cell)).Level(0, 0, 0), parquet.Int64Value(int64(rep)).Level(0, 0, 1))
		for k, m := range simulated {
			if len(m.Levels) > 0 {
				v := vals[k]
				if l := int(v); v == float64(l) && l >= 0 && l < len(m.Levels) {
					row = append(row, parquet.ByteArrayValue([]byte(m.Levels[l])).Level(0, 1, 2+k))
				} else {
					row = append(row, parquet.NullValue().Level(0, 0, 2+k))
				}
				continue
			}
			row = append(row, parquet.DoubleValue(vals[k]).Level(0, 0, 2+k))
		}
		batch[fill] = row
		fill++
		n++
		if fill == len(batch) {
			if _, err := pw.WriteRows(batch); err != nil {
				return n, err
			}
			fill = 0
		}
	}
	if fill > 0 {
		if _, err := pw.WriteRows(batch[:fill]); err != nil {
			return n, err
		}
	}
	return n, pw.Close()
}

// ReadParquetRows reads a Parquet file's column names and rows, each value
// formatted as its CSV field (FormatParquetValue), for checks and tests.
func ReadParquetRows(r io.ReaderAt, size int64, cols []Column) ([]string, [][]string, map[string]string, error) {
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return nil, nil, nil, err
	}
	var names []string
	for _, fl := range f.Schema().Fields() {
		names = append(names, fl.Name())
	}
	meta := map[string]string{}
	for _, kv := range f.Metadata().KeyValueMetadata {
		meta[kv.Key] = kv.Value
	}
	if len(names) != len(cols) {
		return names, nil, meta, fmt.Errorf("parquet: %d columns (%s), want %d", len(names), strings.Join(names, ","), len(cols))
	}
	var out [][]string
	for _, rg := range f.RowGroups() {
		rows := rg.Rows()
		buf := make([]parquet.Row, 256)
		for {
			k, err := rows.ReadRows(buf)
			for _, row := range buf[:k] {
				rec := make([]string, len(cols))
				for _, v := range row {
					c := v.Column()
					rec[c] = FormatParquetValue(cols[c], v)
				}
				out = append(out, rec)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				rows.Close()
				return names, nil, meta, err
			}
		}
		rows.Close()
	}
	return names, out, meta, nil
}
