#include "massagelog/store/atomic_file.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
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

AtomicFile::AtomicFile(std::string path, Delivery delivery, Overwrite overwrite)
    : m_path(std::move(path)), m_overwrite(overwrite)
{
    if (delivery == Delivery::stream) {
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (m_fd < 0)
            throw OperationalError(fmt::format("cannot write {}: {}", m_path, std::strerror(errno)));
        m_buffer = std::make_unique<Buffer>(m_fd, m_hash);
        m_stream.rdbuf(m_buffer.get());
        return;
    }
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
    // A FIFO or a device cannot be synced (EINVAL): what was written is gone.
    if (::fsync(m_fd) != 0 && !(m_temp.empty() && (errno == EINVAL || errno == EROFS)))
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
    if (!m_temp.empty()) {
        unsigned flags = m_overwrite == Overwrite::no ? RENAME_NOREPLACE : 0;
        if (::renameat2(AT_FDCWD, m_temp.c_str(), AT_FDCWD, m_path.c_str(), flags) != 0) {
            if (errno == EEXIST)
                throw InputError(fmt::format("FILE {} appeared while it was being written",
                                             quote_value(m_path)),
                                 "nothing was replaced; the file that appeared is kept");
            throw OperationalError(fmt::format("cannot write {}: {}", m_path, std::strerror(errno)));
        }
    }
    m_committed = true;
}

namespace {

bool same_file(const struct stat& a, const std::string& path)
{
    struct stat b{};
    return ::stat(path.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

bool is_sqlite_file(const std::string& path)
{
    static constexpr char k_magic[] = "SQLite format 3";
    char head[sizeof k_magic] = {};
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    ssize_t got = ::read(fd, head, sizeof head);
    ::close(fd);
    return got == static_cast<ssize_t>(sizeof head) && std::memcmp(head, k_magic, sizeof head) == 0;
}

} // namespace

std::unique_ptr<AtomicFile> open_output(const std::string& path, Overwrite overwrite,
                                        const std::string& database_path, const FieldLabel& label)
{
    namespace fs = std::filesystem;
    const std::string output = label("output");
    if (path.empty())
        throw InputError(fmt::format("{} needs a FILE name", output)).about(output);
    auto refuse_database = [&] {
        throw InputError(fmt::format("{} {} is the clinic's database or one of its files", output,
                                     quote_value(path)),
                         "massagelog never writes over the database, its -wal and -shm files "
                         "or a backup; give another FILE");
    };
    // The database's files by name too: -wal and -shm may not exist yet.
    std::error_code ec;
    fs::path target = fs::weakly_canonical(path, ec);
    fs::path db = fs::weakly_canonical(database_path, ec);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (!target.empty() && target == fs::path(db.string() + suffix))
            refuse_database();
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return std::make_unique<AtomicFile>(path, Delivery::rename_into_place, Overwrite::no);
        throw OperationalError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (same_file(st, database_path + suffix))
            refuse_database();
    if (S_ISDIR(st.st_mode))
        throw InputError(fmt::format("{} {} is a folder", output, quote_value(path)),
                         "give a file name inside it").about(output);
    if (!S_ISREG(st.st_mode))
        return std::make_unique<AtomicFile>(path, Delivery::stream);
    if (is_sqlite_file(path))
        refuse_database();
    if (overwrite == Overwrite::no)
        throw InputError(fmt::format("{} {} exists already", output, quote_value(path)),
                         fmt::format("give {} to replace it, or another FILE", label("force")))
            .about(output);
    return std::make_unique<AtomicFile>(path, Delivery::rename_into_place, Overwrite::yes);
}

} // namespace massagelog
