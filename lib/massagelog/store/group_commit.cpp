#include "massagelog/store/group_commit.hpp"

#include "massagelog/core/error.hpp"

#include <algorithm>

namespace massagelog {

GroupCommit::GroupCommit(std::size_t max_group, Clinic* writer)
    : m_max_group(std::max<std::size_t>(1, max_group)), m_writer(writer)
{
}

std::size_t GroupCommit::queued() const
{
    std::lock_guard lock(m_queue_mutex);
    return m_queue.size();
}

void GroupCommit::run(Clinic& clinic, const Job& job)
{
    Pending me{&job, clinic.actor(), clinic.clock().now(), nullptr};
    std::unique_lock lock(m_queue_mutex);
    m_queue.push_back(&me);
    // Whoever finds no group being written leads the next one, on the
    // writer or its own connection, with every write queued by then (its
    // own among them: a queued write leaves the queue only in a group,
    // which marks it done). One group is written at a time, so the writer
    // serves one thread at a time.
    while (!me.done) {
        if (m_leading) {
            m_done.wait(lock);
            continue;
        }
        const std::size_t n = std::min(m_queue.size(), m_max_group);
        std::vector<Pending*> group(m_queue.begin(), m_queue.begin() + static_cast<long>(n));
        m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<long>(n));
        m_leading = true;
        lock.unlock();
        write_group(m_writer ? *m_writer : clinic, group);
        lock.lock();
        for (Pending* p : group)
            p->done = true;
        m_leading = false;
        m_done.notify_all();
    }
    if (me.error)
        std::rethrow_exception(me.error);
}

void GroupCommit::write_group(Clinic& clinic, const std::vector<Pending*>& group) noexcept
{
    const Actor own = clinic.actor();
    const Instant own_now = clinic.clock().now();
    try {
        clinic.write([&] {
            for (Pending* p : group) {
                try {
                    clinic.act_as(p->actor, p->now);
                    clinic.write([&] { (*p->job)(clinic); });
                } catch (...) {
                    p->error = std::current_exception();
                }
            }
        });
    } catch (const std::exception& e) {
        // Nothing of the group is written: each write not already refused
        // fails with the commit, each with its own copy of the error (the
        // callers rethrow it on their own threads).
        for (Pending* p : group)
            if (!p->error)
                p->error = std::make_exception_ptr(OperationalError(e.what()));
    } catch (...) {
        for (Pending* p : group)
            if (!p->error)
                p->error = std::make_exception_ptr(OperationalError("the commit failed"));
    }
    try {
        clinic.act_as(own, own_now);
    } catch (...) {
        // act_as sets the actor before it reads the zone: the connection is
        // its own caller's again, and a bad zone setting is met by the next
        // request that reads it.
    }
}

} // namespace massagelog
