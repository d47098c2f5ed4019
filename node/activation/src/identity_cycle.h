// One identity's activation cycle, phase by phase (see builder.h). Each phase reads what the
// previous one stored, so Run() after a restart picks up where the last run stopped.
#pragma once

#include <optional>
#include <string>

#include "node/activation/builder.h"
#include "node/wire/challenge.h"

namespace node {

class IdentityCycle {
 public:
  IdentityCycle(const BuilderConfig& config, const BuilderParts& parts, const NamedIdentity& identity,
                StopSignal& stop);
  // Runs cycles until stopped.
  void Run();

 private:
  // How a pass through the phases ended, which decides the wait before the next pass.
  enum class Outcome { kPublished, kExpired, kPoetUnstable, kRetryLayer, kStopped };
  struct Pass {
    Outcome outcome;
    std::string why;
  };

  Pass RunOnce();
  Pass EnsureInitialPost();
  Pass PrepareChallenge(NipostChallenge* challenge);
  Pass Register(const NipostChallenge& challenge, const base::Hash32& hash);
  Pass FetchPoetProof(const NipostChallenge& challenge, const base::Hash32& hash, Nipost* nipost);
  Pass Prove(const NipostChallenge& challenge, Nipost* nipost);
  Pass Publish(const NipostChallenge& challenge, const wire::NIPostChallengeV1& wire_challenge, const Nipost& nipost);

  // The positioning ATX for `publish`: the highest ATX published before it, the previous own
  // ATX when it is at least as high, else the golden ATX.
  base::Hash32 Positioning(uint32_t publish, const std::optional<Atx>& previous) const;
  // Drops the challenge, registrations and NIPoST after an expired or refused cycle.
  Pass Abandon(Outcome outcome, std::string why);
  void Emit(Event::Details details, bool failure = false) const;
  base::Status Stored(const base::Status& status) const;  // logs a store failure

  const BuilderConfig& config_;
  const BuilderParts& parts_;
  const NamedIdentity& identity_;
  const base::Hash32 id_;
  const std::string who_;  // short id and key file name, for logs
  StopSignal& stop_;
};

}  // namespace node
