// `spacemesh-node inspect -d <data-folder> atxs|poet-proofs`: the node's ATXs and PoET proofs as
// one JSON object a line, with the exact bytes peers receive (hex of the SCALE encodings). Reads
// the state database without changing it, also while the node runs.
#pragma once

#include <ostream>

namespace node {

// argv[0] is "inspect". Returns the exit code: 0, 1 on a read error, 2 on bad arguments.
int RunInspect(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace node
