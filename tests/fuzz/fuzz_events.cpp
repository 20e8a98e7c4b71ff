// libFuzzer: the attribution events reader (posctl attribute, HQ replays) fed arbitrary lines.
// Every line is either applied or reported as bad; nothing crashes.
#include "core/attribution/replay.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pos::attribution::Replay replay(true);
    std::string out;
    std::string_view rest(reinterpret_cast<const char *>(data), size);
    int number = 0;
    while (!rest.empty()) {
        const size_t end = rest.find('\n');
        replay.feed(rest.substr(0, end), ++number, out);
        if (end == std::string_view::npos)
            break;
        rest.remove_prefix(end + 1);
    }
    replay.finish(out);
    return 0;
}
