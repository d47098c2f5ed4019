// The activation cycle's parts as the app owns them: the standalone network's PoET (in this
// process), one client per configured PoET, the cycle clock, the PoST checker and the builders.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "node/activation/builder.h"
#include "node/config/config.h"
#include "node/poet/client.h"
#include "node/poet/server.h"

namespace node {

struct ActivationDeps {
  const Config* config = nullptr;
  LayerClock layers;
  std::string genesis_extra_data;
  base::Hash32 golden_atx{};
  std::filesystem::path poet_dir;  // <data>/poet, for the standalone PoET
  StateStore* store = nullptr;
  PostProver* prover = nullptr;
  EventBus* events = nullptr;
  Smeshers* smeshers = nullptr;
};

class Activation {
 public:
  // Starts the standalone PoET (main.standalone) and builds everything else; nothing runs yet.
  static base::Result<std::unique_ptr<Activation>> Create(const ActivationDeps& deps,
                                                          std::vector<NamedIdentity> identities);
  ~Activation();  // builders first, then the PoET

  Builder* builder() { return builder_.get(); }
  // The standalone PoET's URL; empty when the node uses outside PoETs.
  std::string poet_url() const { return poet_server_ ? poet_server_->url() : ""; }

 private:
  Activation() = default;
  std::unique_ptr<poet::Server> poet_server_;
  std::vector<std::unique_ptr<poet::Client>> poets_;
  std::unique_ptr<CycleClock> clock_;
  std::unique_ptr<PostChecker> checker_;
  std::unique_ptr<Builder> builder_;
};

}  // namespace node
