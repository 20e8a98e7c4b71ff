#pragma once

#include "engine.h"

#include "core/json/jsonreader.h"

#include <string>
#include <string_view>
#include <vector>

namespace pos::attribution {

// Spec §10: drives the engine from JSON lines and writes JSON lines — credits (and errors)
// as they arise, then a summary per declared guide, then the answers to the commission,
// target and leaderboard questions in the order asked. `posctl attribute` is a thin shell
// around this; HQ recomputes with it.
class Replay
{
public:
    explicit Replay(bool explain) : m_explain(explain) {}

    // One input line (number is 1-based); appends any output lines to out.
    void feed(std::string_view line, int number, std::string &out);
    // After the last line: summaries and answers.
    void finish(std::string &out);
    bool hadErrors() const { return m_errors > 0; }
    const Engine &engine() const { return m_engine; }

private:
    struct Question
    {
        enum Kind { Commission, Target, Leaderboard } kind;
        QString text;           // the period ("2026-11") or date ("2026-11-01") as asked
        QDate date;
        CommissionRule rule;
        Engine::Target target;
        QString store;
    };

    Status apply(int object, std::string &out);
    Status applyPolicy(int object);
    Status applyGuide(int object);
    Status applyBind(int object, Millis at, const QString &atText, std::string &out);
    Status applyClick(int object, Millis at, const QString &atText, std::string &out);
    Status applyOrder(int object, Millis at, const QString &atText, std::string &out);
    Status applyRefund(int object, Millis at, const QString &atText, std::string &out);
    Status applyDepart(int object, Millis at, const QString &atText, std::string &out);
    Status askCommission(int object);
    Status askTarget(int object);
    Status askLeaderboard(int object);
    void writeCredits(std::pair<int, int> range, std::string &out) const;

    Engine m_engine;
    json::Reader m_doc;
    bool m_explain = false;
    int m_errors = 0;
    int m_policyLines = 0;
    std::optional<Millis> m_lastAt;
    std::vector<Question> m_questions;
};

} // namespace pos::attribution
