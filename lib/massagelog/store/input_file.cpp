#include "massagelog/store/input_file.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace massagelog {

namespace {

constexpr std::size_t k_chunk = 1 << 20; // as the CSV reader asks for

std::string size_text(std::uint64_t bytes)
{
    if (bytes >= 1024ULL * 1024 * 1024)
        return fmt::format("{} GiB", bytes / (1024ULL * 1024 * 1024));
    if (bytes >= 1024 * 1024)
        return fmt::format("{} MiB", bytes / (1024 * 1024));
    return fmt::format("{} bytes", bytes);
}

} // namespace

InputFile::Buffer::Buffer(int fd, std::uint64_t cap, const std::string& label)
    : m_fd(fd), m_cap(cap), m_label(label), m_data(k_chunk)
{
    setg(m_data.data(), m_data.data(), m_data.data());
}

InputFile::Buffer::int_type InputFile::Buffer::underflow()
{
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    ssize_t got;
    do
        got = ::read(m_fd, m_data.data(), m_data.size());
    while (got < 0 && errno == EINTR);
    if (got < 0)
        throw InputError(fmt::format("{} cannot be read: {}", m_label, std::strerror(errno)));
    if (got == 0)
        return traits_type::eof();
    m_read += static_cast<std::uint64_t>(got);
    if (m_read > m_cap)
        throw InputError(fmt::format("{} is larger than {}", m_label, size_text(m_cap)),
                         "it is not what massagelog reads; check the path");
    if (std::memchr(m_data.data(), '\0', static_cast<std::size_t>(got)))
        throw InputError(fmt::format("{} is not a text file: it holds NUL bytes", m_label),
                         "give a UTF-8 text file");
    setg(m_data.data(), m_data.data(), m_data.data() + got);
    return traits_type::to_int_type(*gptr());
}

InputFile::InputFile(const std::string& path, std::uint64_t cap, std::string label)
    : m_label(std::move(label))
{
    if (path == "-") {
        m_fd = STDIN_FILENO;
    } else {
        struct stat st{};
        if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            throw InputError(fmt::format("{} is a folder", m_label), "give a file");
        // A FIFO is opened as any reader does: it waits for its writer.
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (m_fd < 0)
            throw InputError(fmt::format("{} cannot be read: {}", m_label, std::strerror(errno)),
                             "check the path");
        m_owned = true;
        if (::fstat(m_fd, &st) == 0 && S_ISREG(st.st_mode))
            m_size = static_cast<long long>(st.st_size);
        if (m_size >= 0 && static_cast<std::uint64_t>(m_size) > cap) {
            ::close(m_fd);
            throw InputError(fmt::format("{} is larger than {}", m_label, size_text(cap)),
                             "it is not what massagelog reads; check the path");
        }
    }
    m_buffer = std::make_unique<Buffer>(m_fd, cap, m_label);
    m_stream.rdbuf(m_buffer.get());
    // The buffer's InputError reaches the caller instead of a silent failbit.
    m_stream.exceptions(std::ios::badbit);
}

InputFile::~InputFile()
{
    if (m_owned && m_fd >= 0)
        ::close(m_fd);
}

std::string read_text_file(const std::string& path, std::uint64_t cap, const std::string& label)
{
    InputFile file(path, cap, label);
    return std::string(std::istreambuf_iterator<char>(file.stream()), std::istreambuf_iterator<char>());
}

} // namespace massagelog
