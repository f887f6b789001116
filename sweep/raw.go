package sweep

import (
	"encoding/binary"
	"io"
	"math"
	"os"
)

// Raw replication records. With sweep.raw, every replication of every cell is
// one fixed-size little-endian record:
//
//	cell        uint64
//	replication uint64
//	value       float64, one per simulated metric in metric order
//	            (a categorical metric's level index; NaN when undefined)
//
// Records are written in cell order, replications in order within a cell, so
// the byte stream of a run is the same for any number of workers, and a
// stream cut anywhere can be trimmed back to whole cells.

// RawRecordSize is the size in bytes of one record with k simulated metrics.
func RawRecordSize(k int) int { return 16 + 8*k }

// EncodeRaw writes one record into buf (len(buf) == RawRecordSize(len(values)))
// and returns it.
func EncodeRaw(buf []byte, cell, rep uint64, values []float64) []byte {
	binary.LittleEndian.PutUint64(buf[0:], cell)
	binary.LittleEndian.PutUint64(buf[8:], rep)
	for k, v := range values {
		binary.LittleEndian.PutUint64(buf[16+8*k:], math.Float64bits(v))
	}
	return buf
}

// DecodeRaw reads one record: its cell and replication, and its values into
// values (len(values) == k).
func DecodeRaw(rec []byte, values []float64) (cell, rep uint64) {
	for k := range values {
		values[k] = math.Float64frombits(binary.LittleEndian.Uint64(rec[16+8*k:]))
	}
	return binary.LittleEndian.Uint64(rec[0:]), binary.LittleEndian.Uint64(rec[8:])
}

// SpillBytes is how many bytes of one cell's raw records a worker keeps in
// memory; beyond that they go to a temporary file. Run holds at most
// 4·workers + 16 cells in flight or waiting, so raw output adds at most
// (4·workers + 16)·SpillBytes of memory whatever the number of replications.
const SpillBytes = 256 << 10

// spill holds one cell's raw records: in memory up to SpillBytes, then in a
// temporary file.
type spill struct {
	buf    []byte
	f      *os.File
	dir    string
	prefix string
}

func (s *spill) write(p []byte) error {
	if len(s.buf)+len(p) > SpillBytes {
		if s.f == nil {
			f, err := os.CreateTemp(s.dir, s.prefix+"spill-*")
			if err != nil {
				return err
			}
			s.f = f
		}
		if _, err := s.f.Write(s.buf); err != nil {
			return err
		}
		s.buf = s.buf[:0]
	}
	s.buf = append(s.buf, p...)
	return nil
}

// copyTo writes the records, in order, to w.
func (s *spill) copyTo(w io.Writer) error {
	if s.f != nil {
		if _, err := s.f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, s.f); err != nil {
			return err
		}
	}
	_, err := w.Write(s.buf)
	return err
}

func (s *spill) reset() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
		s.f = nil
	}
	s.buf = s.buf[:0]
}

// spillPool recycles spills so that buffers are allocated once per slot of
// the window, not once per cell.
type spillPool struct {
	free        chan *spill
	dir, prefix string
}

func newSpillPool(dir, prefix string) *spillPool {
	return &spillPool{free: make(chan *spill, 256), dir: dir, prefix: prefix}
}

func (p *spillPool) get() *spill {
	select {
	case s := <-p.free:
		return s
	default:
		return &spill{buf: make([]byte, 0, 4096), dir: p.dir, prefix: p.prefix}
	}
}

// put resets s and keeps it for reuse; nil pools and spills are ignored.
func (p *spillPool) put(s *spill) {
	if p == nil || s == nil {
		return
	}
	s.reset()
	select {
	case p.free <- s:
	default:
	}
}
