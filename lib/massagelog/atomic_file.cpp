#include "massagelog/atomic_file.hpp"

#include "massagelog/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace massagelog {

namespace {

constexpr std::size_t k_buffer_bytes = 1 << 20;

} // namespace

AtomicFile::Buffer::Buffer(int fd, Sha256& hash) : m_fd(fd), m_hash(hash), m_data(k_buffer_bytes)
{
    setp(m_data.data(), m_data.data() + m_data.size());
}

bool AtomicFile::Buffer::drain()
{
    std::size_t size = static_cast<std::size_t>(pptr() - pbase());
    const char* p = pbase();
    if (!m_failed)
        m_hash.update(std::string_view(p, size));
    while (size > 0 && !m_failed) {
        ssize_t wrote = ::write(m_fd, p, size);
        if (wrote < 0) {
            if (errno == EINTR)
                continue;
            m_failed = true;
            m_errno = errno;
            break;
        }
        p += wrote;
        size -= static_cast<std::size_t>(wrote);
    }
    setp(m_data.data(), m_data.data() + m_data.size());
    return !m_failed;
}

AtomicFile::Buffer::int_type AtomicFile::Buffer::overflow(int_type ch)
{
    if (!drain())
        return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
    }
    return traits_type::not_eof(ch);
}

std::streamsize AtomicFile::Buffer::xsputn(const char* s, std::streamsize n)
{
    std::streamsize done = 0;
    while (done < n) {
        std::streamsize room = epptr() - pptr();
        if (room == 0) {
            if (!drain())
                return done;
            continue;
        }
        std::streamsize chunk = std::min(room, n - done);
        std::memcpy(pptr(), s + done, static_cast<std::size_t>(chunk));
        pbump(static_cast<int>(chunk));
        done += chunk;
    }
    return done;
}

int AtomicFile::Buffer::sync()
{
    return drain() ? 0 : -1;
}

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
    std::filesystem::path target(m_path);
    std::string folder = target.has_parent_path() ? target.parent_path().string() : ".";
    std::string pattern = folder + "/." + target.filename().string() + ".tmp-XXXXXX";
    m_fd = ::mkstemp(pattern.data()); // mode 0600
    if (m_fd < 0)
        throw OperationalError(fmt::format("cannot write {}: {}", m_path, std::strerror(errno)),
                               "check that the folder exists and is writable");
    m_temp = pattern;
    m_buffer = std::make_unique<Buffer>(m_fd, m_hash);
    m_stream.rdbuf(m_buffer.get());
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed && !m_temp.empty())
        std::remove(m_temp.c_str());
}

std::string AtomicFile::commit()
{
    std::string digest = finish();
    publish();
    return digest;
}

std::string AtomicFile::finish()
{
    m_stream.flush();
    auto failure = [&](int err) {
        return OperationalError(fmt::format("cannot write {}: {}", m_path, std::strerror(err)),
                                "nothing was written; the disk may be full");
    };
    if (m_buffer->failed() || !m_stream)
        throw failure(m_buffer->errno_value() ? m_buffer->errno_value() : EIO);
    if (::fsync(m_fd) != 0)
        throw failure(errno);
    if (::close(m_fd) != 0) {
        m_fd = -1;
        throw failure(errno);
    }
    m_fd = -1;
    return m_hash.hex();
}

void AtomicFile::publish()
{
    if (std::rename(m_temp.c_str(), m_path.c_str()) != 0)
        throw OperationalError(fmt::format("cannot write {}: {}", m_path, std::strerror(errno)));
    m_committed = true;
}

} // namespace massagelog
