#pragma once
// Writes from many threads of one process committed together. Each write
// runs in its own savepoint of a shared BEGIN IMMEDIATE transaction, so the
// one disk sync of its commit serves every write that was waiting when the
// transaction began: with synchronous=FULL that sync, not the work, is what
// bounds a server's adds per second.
//
// What a write's caller sees does not change: run() returns only once the
// transaction holding its write is committed, so an answer sent after it
// means the write is on disk; a write that throws has none of its changes
// kept and harms no other write of its group; a commit that fails keeps
// nothing of the group and each of its callers gets the failure.

#include "massagelog/store/clinic.hpp"

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace massagelog {

class GroupCommit {
public:
    using Job = std::function<void(Clinic&)>;

    // At most `max_group` writes share one transaction, to bound the wait.
    // With `writer`, every group is written on that connection, whichever
    // thread leads it: being the only one of the process that writes, it
    // keeps its page cache from one group to the next, where a connection
    // of a thread finds the cache dropped (WAL) by the commits of others.
    // Without, a group is written on its leader's connection.
    explicit GroupCommit(std::size_t max_group = 64, Clinic* writer = nullptr);

    // Runs `job` as `clinic`'s actor at its clock's reading, on `clinic`, on
    // the writer, or on the connection of the thread that leads the group
    // (the job's Clinic& says which: never reach for another one inside
    // it). Returns once the group's transaction is committed; throws what
    // the job threw, or what the commit threw.
    void run(Clinic& clinic, const Job& job);

    // The writes queued for the next group (for tests and load reports).
    std::size_t queued() const;

private:
    struct Pending {
        const Job* job;
        Actor actor;
        Instant now;
        std::exception_ptr error;
        bool done = false;
    };
    // Writes `group` in one transaction on `clinic`, leaving each write's
    // outcome in its Pending.
    void write_group(Clinic& clinic, const std::vector<Pending*>& group) noexcept;

    const std::size_t m_max_group;
    Clinic* const m_writer;
    mutable std::mutex m_queue_mutex;
    std::condition_variable m_done;
    std::vector<Pending*> m_queue;
    bool m_leading = false;
};

} // namespace massagelog
