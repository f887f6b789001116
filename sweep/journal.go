package sweep

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Journal is the crash-safe record of one part of a sweep, the cells
// [Lo, Hi): their rows as CSV, appended in cell order, beside them the raw
// replication records (when asked for) and the reasons of cells skipped as
// invalid. Its files are Base plus
//
//	.csv.partial      header, then one row per finished cell
//	.raw.partial      raw records (see EncodeRaw), cell by cell
//	.invalid.partial  "cell<TAB>reason" lines
//
// Rows are held in memory only until Run has no finished cell waiting
// ([Checkpointer]) or 64 KiB have gathered, then handed to the operating
// system, raw records and notes before the rows they belong to. So a process
// killed at any moment (SIGKILL included) leaves every row it had written
// intact, and loses only the cells still being computed and at most 64 KiB of
// rows written in the last instant. The files are also synced to disk at most
// every SyncEvery (one second), which bounds what a crash of the machine
// loses. [OpenJournal] trims a journal back to its last complete row and
// continues it; [Journal.Finish] renames the files to their final names.
type Journal struct {
	Base   string
	Lo, Hi int
	// SyncEvery is the longest time between fsyncs (default one second).
	SyncEvery time.Duration

	columns  []string
	rawSize  int // bytes per raw record; 0 without raw output
	reps     int // raw records per cell
	next     int
	csvF     *os.File
	rawF     *os.File
	invF     *os.File
	csvBuf   bytes.Buffer
	cw       *csv.Writer
	rawB     *bufio.Writer
	invB     *bufio.Writer
	lastSync time.Time
	closed   bool
}

// JournalFlushBytes is how many bytes of rows a journal gathers before it
// hands them to the operating system even while more rows are ready.
const JournalFlushBytes = 64 << 10

// JournalSuffixes are the suffixes of a journal's files.
var JournalSuffixes = []string{".csv.partial", ".raw.partial", ".invalid.partial"}

// JournalExists reports whether a journal with this base exists.
func JournalExists(base string) bool {
	_, err := os.Stat(base + ".csv.partial")
	return err == nil
}

// RemoveJournal deletes a journal's files (those that exist).
func RemoveJournal(base string) error {
	for _, s := range JournalSuffixes {
		if err := os.Remove(base + s); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// CreateJournal starts an empty journal for the cells [lo, hi) with the
// given columns, replacing any journal at base. rawRecord is the size of a
// raw record and reps the records per cell (rawRecord 0: no raw output).
func CreateJournal(base string, columns []string, lo, hi, rawRecord, reps int) (*Journal, error) {
	if err := RemoveJournal(base); err != nil {
		return nil, err
	}
	j := newJournal(base, columns, lo, hi, rawRecord, reps)
	var err error
	if j.csvF, err = os.OpenFile(base+".csv.partial", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644); err != nil {
		return nil, err
	}
	if err := j.openSide(true); err != nil {
		j.csvF.Close()
		return nil, err
	}
	if err := j.cw.Write(columns); err != nil {
		j.Close()
		return nil, err
	}
	if err := j.sync(); err != nil {
		j.Close()
		return nil, err
	}
	return j, nil
}

func newJournal(base string, columns []string, lo, hi, rawRecord, reps int) *Journal {
	j := &Journal{Base: base, Lo: lo, Hi: hi, SyncEvery: time.Second, columns: columns, rawSize: rawRecord, reps: reps, next: lo}
	j.cw = csv.NewWriter(&j.csvBuf)
	return j
}

func (j *Journal) openSide(create bool) error {
	flag := os.O_WRONLY | os.O_APPEND
	if create {
		flag |= os.O_CREATE | os.O_EXCL
	}
	var err error
	if j.rawSize > 0 {
		if j.rawF, err = os.OpenFile(j.Base+".raw.partial", flag, 0o644); err != nil {
			return err
		}
		j.rawB = bufio.NewWriterSize(j.rawF, 1<<16)
	}
	if j.invF, err = os.OpenFile(j.Base+".invalid.partial", flag, 0o644); err != nil {
		if j.rawF != nil {
			j.rawF.Close()
		}
		return err
	}
	j.invB = bufio.NewWriterSize(j.invF, 4096)
	return nil
}

// ErrJournal marks a journal that cannot be continued.
var ErrJournal = errors.New("cannot resume")

// OpenJournal reopens the journal at base to continue it: it keeps every
// complete row whose raw records are complete too, cuts off the rest (a row
// torn by a kill, records of cells without a row), and positions the journal
// at the first missing cell (Next). The columns and cell range must match
// those the journal was created with; rawRecord and reps as for
// CreateJournal.
func OpenJournal(base string, columns []string, lo, hi, rawRecord, reps int) (*Journal, error) {
	j := newJournal(base, columns, lo, hi, rawRecord, reps)
	path := base + ".csv.partial"
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	ends, err := scanRows(f, columns, lo, hi)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrJournal, path, err)
	}
	rows := len(ends) - 1 // ends[0] is the end of the header
	if rows < 0 {
		// Not even the header survived: start the file again.
		rows = 0
		ends = []int64{0}
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, err
		}
		if err := j.cw.Write(columns); err != nil {
			f.Close()
			return nil, err
		}
	}
	if rawRecord > 0 {
		st, err := os.Stat(base + ".raw.partial")
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%w: %v", ErrJournal, err)
		}
		if reps > 0 {
			rows = min(rows, int(st.Size()/int64(rawRecord))/reps)
		}
		if err := checkRaw(base+".raw.partial", rawRecord, reps, lo, rows); err != nil {
			f.Close()
			return nil, fmt.Errorf("%w: %v", ErrJournal, err)
		}
		if err := os.Truncate(base+".raw.partial", int64(rows)*int64(reps)*int64(rawRecord)); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := f.Truncate(ends[rows]); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(ends[rows], io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	j.csvF = f
	j.next = lo + rows
	if err := trimInvalid(base+".invalid.partial", j.next); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: %v", ErrJournal, err)
	}
	if err := j.openSide(false); err != nil {
		f.Close()
		return nil, err
	}
	if err := j.sync(); err != nil {
		j.Close()
		return nil, err
	}
	return j, nil
}

// scanRows parses a journal's CSV and returns the byte offset of the end of
// the header and of each complete row: a record followed by its newline, with
// the right number of fields and the expected cell number. It stops at the
// first record that is not complete (a torn last line).
func scanRows(f *os.File, columns []string, lo, hi int) ([]int64, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var ends []int64
	var last []byte
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			break // a torn record; cut here
		}
		end := r.InputOffset()
		// The record must end with its newline, or its last field may be cut
		// short.
		if !endsWithNewline(f, end, &last) {
			break
		}
		if len(ends) == 0 {
			if !slices.Equal(rec, columns) {
				return nil, fmt.Errorf("its columns differ from this run's (was the model changed?):\n  journal: %s\n  now:     %s", strings.Join(rec, ","), strings.Join(columns, ","))
			}
			ends = append(ends, end)
			continue
		}
		want := lo + len(ends) - 1
		if len(rec) != len(columns) {
			break
		}
		if rec[0] != strconv.Itoa(want) {
			if want >= hi {
				return nil, fmt.Errorf("it holds more rows than cells %d–%d", lo, hi-1)
			}
			return nil, fmt.Errorf("row %d is cell %s, want cell %d", len(ends), rec[0], want)
		}
		ends = append(ends, end)
	}
	return ends, nil
}

func endsWithNewline(f *os.File, end int64, buf *[]byte) bool {
	if end == 0 {
		return false
	}
	if *buf == nil {
		*buf = make([]byte, 1)
	}
	if _, err := f.ReadAt(*buf, end-1); err != nil {
		return false
	}
	return (*buf)[0] == '\n'
}

// checkRaw verifies that the first records of each of the kept cells are
// where they belong (a spot check of the first and last kept cell).
func checkRaw(path string, size, reps, lo, rows int) error {
	if rows == 0 || reps == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rec := make([]byte, size)
	for _, k := range []int{0, rows - 1} {
		for _, r := range []int{0, reps - 1} {
			if _, err := f.ReadAt(rec, (int64(k)*int64(reps)+int64(r))*int64(size)); err != nil {
				return err
			}
			cell, rep := DecodeRaw(rec, nil)
			if cell != uint64(lo+k) || rep != uint64(r) {
				return fmt.Errorf("%s: record %d is cell %d replication %d, want cell %d replication %d", path, k*reps+r, cell, rep, lo+k, r)
			}
		}
	}
	return nil
}

// trimInvalid keeps the complete "cell<TAB>reason" lines of cells before
// next.
func trimInvalid(path string, next int) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return os.WriteFile(path, nil, 0o644)
		}
		return err
	}
	keep := 0
	for keep < len(data) {
		nl := bytes.IndexByte(data[keep:], '\n')
		if nl < 0 {
			break
		}
		c, _, _ := strings.Cut(string(data[keep:keep+nl]), "\t")
		cell, err := strconv.Atoi(c)
		if err != nil || cell >= next {
			break
		}
		keep += nl + 1
	}
	return os.Truncate(path, int64(keep))
}

// Next is the first cell the journal does not hold yet.
func (j *Journal) Next() int { return j.next }

// Done reports whether the journal holds every cell of its range.
func (j *Journal) Done() bool { return j.next == j.Hi }

// RawWriter is where Run writes raw records (nil without raw output).
func (j *Journal) RawWriter() io.Writer {
	if j.rawB == nil {
		return nil
	}
	return j.rawB
}

// WriteHeader checks the columns against the journal's.
func (j *Journal) WriteHeader(columns []string) error {
	if !slices.Equal(columns, j.columns) {
		return fmt.Errorf("journal %s: the run's columns differ from the journal's", j.Base)
	}
	return nil
}

// WriteRow appends the row of the next cell.
func (j *Journal) WriteRow(fields []string) error {
	if len(fields) == 0 || fields[0] != strconv.Itoa(j.next) {
		return fmt.Errorf("journal %s: got a row for cell %v, want cell %d", j.Base, fields, j.next)
	}
	if err := j.cw.Write(fields); err != nil {
		return err
	}
	j.cw.Flush()
	j.next++
	if j.csvBuf.Len() >= JournalFlushBytes {
		return j.flush()
	}
	return nil
}

// NoteInvalid records why a cell was skipped as invalid.
func (j *Journal) NoteInvalid(cell int, reason string) error {
	reason = strings.NewReplacer("\n", " ", "\t", " ", "\r", " ").Replace(reason)
	_, err := fmt.Fprintf(j.invB, "%d\t%s\n", cell, reason)
	return err
}

// flush hands raw records, notes and rows to the operating system, in that
// order, so that a row on disk always has its records and note before it.
func (j *Journal) flush() error {
	if j.rawB != nil {
		if err := j.rawB.Flush(); err != nil {
			return err
		}
	}
	if err := j.invB.Flush(); err != nil {
		return err
	}
	j.cw.Flush()
	if err := j.cw.Error(); err != nil {
		return err
	}
	if j.csvBuf.Len() > 0 {
		if _, err := j.csvF.Write(j.csvBuf.Bytes()); err != nil {
			return err
		}
		j.csvBuf.Reset()
	}
	return nil
}

// Checkpoint flushes to the operating system, and to disk when the last sync
// is older than SyncEvery.
func (j *Journal) Checkpoint() error {
	if err := j.flush(); err != nil {
		return err
	}
	if time.Since(j.lastSync) >= j.SyncEvery {
		return j.sync()
	}
	return nil
}

func (j *Journal) sync() error {
	if err := j.flush(); err != nil {
		return err
	}
	for _, f := range []*os.File{j.rawF, j.invF, j.csvF} {
		if f != nil {
			if err := f.Sync(); err != nil {
				return err
			}
		}
	}
	j.lastSync = time.Now()
	return nil
}

// Close flushes and syncs everything written and closes the files, leaving
// the journal to be continued by OpenJournal.
func (j *Journal) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	err := j.sync()
	for _, f := range []*os.File{j.rawF, j.invF, j.csvF} {
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}
	return err
}

// JournalSummary describes a finished journal.
type JournalSummary struct {
	Rows         int      // cells, Hi − Lo
	CSV          string   // final path of the rows
	CSVSHA256    string   // of the CSV file
	Raw          string   // final path of the raw records ("" without)
	RawRecords   int64    // records in it
	Invalid      int      // cells skipped as invalid
	InvalidNotes []string // the reasons of the first few, in cell order
}

// Finish closes a complete journal and renames its files to Base+".csv" and
// Base+".raw" (the raw records first); the invalid notes are summarised, and
// their file is left for the caller to remove ([RemoveJournal]) once it has
// recorded the summary.
func (j *Journal) Finish() (*JournalSummary, error) {
	if !j.Done() {
		return nil, fmt.Errorf("journal %s holds cells %d–%d of %d–%d", j.Base, j.Lo, j.next-1, j.Lo, j.Hi-1)
	}
	if err := j.Close(); err != nil {
		return nil, err
	}
	sum := &JournalSummary{Rows: j.Hi - j.Lo, CSV: j.Base + ".csv"}
	h, err := fileSHA256(j.Base + ".csv.partial")
	if err != nil {
		return nil, err
	}
	sum.CSVSHA256 = h
	if j.rawSize > 0 {
		st, err := os.Stat(j.Base + ".raw.partial")
		if err != nil {
			return nil, err
		}
		sum.Raw = j.Base + ".raw"
		sum.RawRecords = st.Size() / int64(j.rawSize)
		if err := os.Rename(j.Base+".raw.partial", sum.Raw); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(j.Base + ".invalid.partial")
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		sum.Invalid++
		if len(sum.InvalidNotes) < 5 {
			_, reason, _ := strings.Cut(line, "\t")
			sum.InvalidNotes = append(sum.InvalidNotes, reason)
		}
	}
	if err := os.Rename(j.Base+".csv.partial", sum.CSV); err != nil {
		return nil, err
	}
	return sum, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// FileSHA256 returns the hex SHA-256 of a file's bytes.
func FileSHA256(path string) (string, error) { return fileSHA256(path) }
