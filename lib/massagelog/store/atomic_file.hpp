#pragma once
// Writes a file the safe way: into a private temporary file (mode 0600) in
// the same folder, flushed to disk, then renamed over the target. Readers
// never see half a file, and a failure leaves the old file as it was. The
// SHA-256 of what was written is computed on the way, for the audit log.

#include "massagelog/core/values.hpp"
#include "massagelog/store/audit.hpp"

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace massagelog {

// Whether an existing regular file may be replaced.
enum class Overwrite { no, yes };

// How the file reaches `path`: through a temporary file renamed over it, or
// written straight into what is there (a FIFO or a device, never replaced).
enum class Delivery { rename_into_place, stream };

class AtomicFile {
public:
    // Creates the temporary file (or opens the stream); throws
    // OperationalError when it cannot. With Overwrite::no the rename refuses
    // to replace a file that appeared meanwhile.
    explicit AtomicFile(std::string path, Delivery delivery = Delivery::rename_into_place,
                        Overwrite overwrite = Overwrite::yes);
    // Removes the temporary file unless commit() succeeded.
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return m_stream; }
    // Flushes and syncs the temporary file; throws OperationalError on a
    // write error (a full disk, a file size limit). Returns the SHA-256.
    std::string finish();
    // Renames the finished file into place (a stream: nothing to do).
    void publish();
    // finish(), then publish().
    std::string commit();

private:
    // Buffers writes, hashes them and writes them to the file descriptor.
    class Buffer : public std::streambuf {
    public:
        Buffer(int fd, Sha256& hash);
        bool failed() const { return m_failed; }
        int errno_value() const { return m_errno; }

    protected:
        int_type overflow(int_type ch) override;
        int sync() override;
        std::streamsize xsputn(const char* s, std::streamsize n) override;

    private:
        bool drain();
        int m_fd;
        Sha256& m_hash;
        std::vector<char> m_data;
        bool m_failed = false;
        int m_errno = 0;
    };

    std::string m_path;
    std::string m_temp; // empty for a stream
    Overwrite m_overwrite = Overwrite::yes;
    int m_fd = -1;
    Sha256 m_hash;
    std::unique_ptr<Buffer> m_buffer;
    std::ostream m_stream{nullptr};
    bool m_committed = false;
};

// Opens the output file an export or a report is written to (-o FILE),
// after checking what stands at `path`: nothing (a new file, through a
// temporary file); a regular file (replaced only with Overwrite::yes); a
// FIFO or a device (written into as a stream, never replaced). Throws
// InputError for a directory, an existing file without Overwrite::yes, and
// for the clinic's database (`database_path`), its -wal and -shm files, or
// any other SQLite database such as a backup, which are never written over.
// Messages name the file and the overwrite switch with `label` ("output",
// "force").
std::unique_ptr<AtomicFile> open_output(const std::string& path, Overwrite overwrite,
                                        const std::string& database_path,
                                        const FieldLabel& label = column_label);

} // namespace massagelog
