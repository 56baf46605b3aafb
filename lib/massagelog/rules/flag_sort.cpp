#include "massagelog/rules/flag_sort.hpp"

#include "massagelog/core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <queue>

namespace massagelog {

bool flag_before(const Flag& a, const Flag& b)
{
    if (a.level != b.level)
        return a.level > b.level;
    if (a.review.has_value() != b.review.has_value())
        return !a.review; // unreviewed first
    if (a.at != b.at)
        return a.at > b.at;
    if (a.client_id != b.client_id)
        return a.client_id < b.client_id;
    return a.rule != b.rule ? a.rule < b.rule : a.evidence_key < b.evidence_key;
}

// A sorted run of flags in a private temporary file: tmpfile() creates it
// 0600 and unlinks it at once, so it goes with the process. Guidance and
// source are views of the rules' static text and are kept as such.
class FlagRun {
public:
    FlagRun() : m_file(std::tmpfile(), &std::fclose)
    {
        if (!m_file)
            throw OperationalError(
                fmt::format("cannot create a temporary file to sort the flags: {}",
                            std::strerror(errno)),
                "check the space and permissions of /tmp");
    }

    void write(const Flag& f)
    {
        ++m_left;
        put(f.rule);
        put_number(static_cast<std::int64_t>(f.level));
        put_number(f.client_id);
        put(f.client_name);
        put(f.evidence_key);
        put_numbers(f.report_ids);
        put_numbers(f.session_ids);
        put(f.evidence);
        put_view(f.guidance);
        put_view(f.source);
        put_number(f.at.time_since_epoch().count());
        put_number(f.evidence_at.time_since_epoch().count());
        put(f.region);
        put_number(static_cast<std::int64_t>(f.side));
        put_number(f.yields_to_refer ? 1 : 0);
        put_number(f.review ? 1 : 0);
        if (f.review)
            put_review(*f.review);
        put_number(static_cast<std::int64_t>(f.earlier_reviews.size()));
        for (const Review& r : f.earlier_reviews)
            put_review(r);
    }

    // Back to the first flag written, for reading.
    void rewind()
    {
        if (std::fflush(m_file.get()) != 0 || std::ferror(m_file.get()))
            throw OperationalError(
                fmt::format("cannot write the flags' temporary file: {}", std::strerror(errno)),
                "check the free space in /tmp");
        std::rewind(m_file.get());
    }

    // The next flag, or false at the end.
    bool read(Flag& f)
    {
        if (m_left == 0)
            return false;
        --m_left;
        get(f.rule);
        f.level = static_cast<Level>(get_number());
        f.client_id = get_number();
        get(f.client_name);
        get(f.evidence_key);
        get_numbers(f.report_ids);
        get_numbers(f.session_ids);
        get(f.evidence);
        f.guidance = get_view();
        f.source = get_view();
        f.at = Instant{std::chrono::seconds{get_number()}};
        f.evidence_at = Instant{std::chrono::seconds{get_number()}};
        get(f.region);
        f.side = static_cast<Side>(get_number());
        f.yields_to_refer = get_number() != 0;
        f.review.reset();
        if (get_number())
            f.review = get_review();
        f.earlier_reviews.resize(static_cast<std::size_t>(get_number()));
        for (Review& r : f.earlier_reviews)
            r = get_review();
        return true;
    }

private:
    void put_review(const Review& r)
    {
        put_number(r.at.time_since_epoch().count());
        put(r.by);
        put_number(static_cast<std::int64_t>(r.action));
        put_number(r.note ? 1 : 0);
        if (r.note)
            put(*r.note);
    }
    Review get_review()
    {
        Review r;
        r.at = Instant{std::chrono::seconds{get_number()}};
        get(r.by);
        r.action = static_cast<ReviewAction>(get_number());
        if (get_number()) {
            r.note.emplace();
            get(*r.note);
        }
        return r;
    }
    void put_bytes(const void* p, std::size_t n)
    {
        if (n > 0 && std::fwrite(p, 1, n, m_file.get()) != n)
            throw OperationalError(
                fmt::format("cannot write the flags' temporary file: {}", std::strerror(errno)),
                "check the free space in /tmp");
    }
    void get_bytes(void* p, std::size_t n)
    {
        if (n > 0 && std::fread(p, 1, n, m_file.get()) != n)
            throw OperationalError("the flags' temporary file ended early");
    }
    void put_number(std::int64_t v) { put_bytes(&v, sizeof v); }
    std::int64_t get_number()
    {
        std::int64_t v = 0;
        get_bytes(&v, sizeof v);
        return v;
    }
    void put(std::string_view s)
    {
        put_number(static_cast<std::int64_t>(s.size()));
        put_bytes(s.data(), s.size());
    }
    void get(std::string& s)
    {
        s.resize(static_cast<std::size_t>(get_number()));
        get_bytes(s.data(), s.size());
    }
    void put_view(std::string_view s)
    {
        const char* p = s.data();
        put_bytes(&p, sizeof p);
        put_number(static_cast<std::int64_t>(s.size()));
    }
    std::string_view get_view()
    {
        const char* p = nullptr;
        get_bytes(&p, sizeof p);
        return {p, static_cast<std::size_t>(get_number())};
    }
    void put_numbers(const std::vector<std::int64_t>& v)
    {
        put_number(static_cast<std::int64_t>(v.size()));
        put_bytes(v.data(), v.size() * sizeof(std::int64_t));
    }
    void get_numbers(std::vector<std::int64_t>& v)
    {
        v.resize(static_cast<std::size_t>(get_number()));
        get_bytes(v.data(), v.size() * sizeof(std::int64_t));
    }

    std::unique_ptr<std::FILE, decltype(&std::fclose)> m_file;
    std::size_t m_left = 0; // flags written, and then still to read
};

FlagSorter::FlagSorter(std::size_t run) : m_run(std::max<std::size_t>(run, 1)) {}

FlagSorter::~FlagSorter() = default;

void FlagSorter::add(Flag&& f)
{
    m_buffer.push_back(std::move(f));
    if (m_buffer.size() >= m_run)
        spill();
}

void FlagSorter::each(const std::function<void(const Flag&)>& visit)
{
    if (m_runs.empty()) {
        std::sort(m_buffer.begin(), m_buffer.end(), flag_before);
        for (const Flag& f : m_buffer)
            visit(f);
        return;
    }
    spill();
    // The next flag of each run; the earliest goes out first.
    std::vector<Flag> heads(m_runs.size());
    auto later = [&](std::size_t a, std::size_t b) { return flag_before(heads[b], heads[a]); };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> next(later);
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        m_runs[i]->rewind();
        if (m_runs[i]->read(heads[i]))
            next.push(i);
    }
    while (!next.empty()) {
        std::size_t i = next.top();
        next.pop();
        visit(heads[i]);
        if (m_runs[i]->read(heads[i]))
            next.push(i);
    }
}

void FlagSorter::spill()
{
    if (m_buffer.empty())
        return;
    std::sort(m_buffer.begin(), m_buffer.end(), flag_before);
    FlagRun& run = *m_runs.emplace_back(std::make_unique<FlagRun>());
    for (const Flag& f : m_buffer)
        run.write(f);
    m_buffer.clear();
}

} // namespace massagelog
