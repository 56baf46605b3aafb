#pragma once
// Reading what a user points at (--notes-file, import FILE): a regular file
// or a stream, read incrementally with a size cap, so that a folder, an
// endless stream or a binary file is a short, printable error (exit 2)
// instead of a hang or a screen of bytes.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

inline constexpr std::uint64_t k_max_csv_bytes = 2ULL * 1024 * 1024 * 1024; // 2 GiB

// A text file opened for reading ("-" is standard input), as an istream
// whose reads throw InputError naming `label` when the text grows past
// `cap` bytes or holds a NUL byte (a binary file). Opening throws
// InputError for a folder or a file that cannot be read.
class InputFile {
public:
    InputFile(const std::string& path, std::uint64_t cap, std::string label);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    std::istream& stream() { return m_stream; }
    // The file's size when it is a regular file, else -1 (a stream).
    long long size() const { return m_size; }

private:
    class Buffer : public std::streambuf {
    public:
        Buffer(int fd, std::uint64_t cap, const std::string& label);

    protected:
        int_type underflow() override;

    private:
        int m_fd;
        std::uint64_t m_cap;
        std::uint64_t m_read = 0;
        const std::string& m_label;
        std::vector<char> m_data;
    };

    std::string m_label;
    int m_fd = -1;
    bool m_owned = false;
    long long m_size = -1;
    std::unique_ptr<Buffer> m_buffer;
    std::istream m_stream{nullptr};
};

// The whole of a small text file (notes), through InputFile.
std::string read_text_file(const std::string& path, std::uint64_t cap, const std::string& label);

} // namespace massagelog
