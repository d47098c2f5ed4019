// Wire-format pins for the spacemesh.v1 protos. Expected bytes are written by hand from
// field numbers and wire types (tag = field << 3 | type; 0 varint, 2 length-delimited),
// so renumbering or retyping a field breaks a test here.
#include <catch2/catch.hpp>

#include <google/protobuf/descriptor.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "spacemesh/v1/activation.grpc.pb.h"
#include "spacemesh/v1/admin.grpc.pb.h"
#include "spacemesh/v1/node.grpc.pb.h"
#include "spacemesh/v1/post.grpc.pb.h"
#include "spacemesh/v1/smesher.grpc.pb.h"

namespace pb = spacemesh::v1;
using google::protobuf::DescriptorPool;
using google::protobuf::Message;

namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int v : b) s.push_back(static_cast<char>(v));
  return s;
}

std::string hex(const std::string& s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += d[c >> 4];
    out += d[c & 15];
    out += ' ';
  }
  return out;
}

// Serializes deterministically and compares as hex so a failure shows both byte strings.
void check_wire(const Message& m, const std::string& expected) {
  std::string got;
  REQUIRE(m.SerializeToString(&got));
  CHECK(hex(got) == hex(expected));
  // And the expected bytes must parse back to the same message.
  std::unique_ptr<Message> back(m.New());
  REQUIRE(back->ParseFromString(expected));
  CHECK(back->SerializeAsString() == got);
}

pb::Metadata small_meta() {  // node_id=01, num_units=1
  pb::Metadata m;
  m.set_node_id(bytes({0x01}));
  m.set_num_units(1);
  return m;
}
const std::string kSmallMeta = bytes({0x0a, 0x01, 0x01, 0x20, 0x01});

}  // namespace

TEST_CASE("Metadata: all five fields, optional nonce has presence", "[proto][post]") {
  pb::Metadata m;
  m.set_node_id(bytes({0x01, 0x02}));
  m.set_commitment_atx_id(bytes({0x03, 0x04}));
  m.set_nonce(300);
  m.set_num_units(4);
  m.set_labels_per_unit(1024);
  check_wire(m, bytes({0x0a, 0x02, 0x01, 0x02,  // 1 node_id
                       0x12, 0x02, 0x03, 0x04,  // 2 commitment_atx_id
                       0x18, 0xac, 0x02,        // 3 nonce = 300
                       0x20, 0x04,              // 4 num_units
                       0x28, 0x80, 0x08}));     // 5 labels_per_unit = 1024

  m.set_nonce(0);  // set-but-zero is still sent (proto3 optional)
  CHECK(m.has_nonce());
  m.clear_commitment_atx_id();
  check_wire(m, bytes({0x0a, 0x02, 0x01, 0x02, 0x18, 0x00, 0x20, 0x04, 0x28, 0x80, 0x08}));

  m.clear_nonce();  // unset: absent on the wire
  check_wire(m, bytes({0x0a, 0x02, 0x01, 0x02, 0x20, 0x04, 0x28, 0x80, 0x08}));
  pb::Metadata parsed;
  REQUIRE(parsed.ParseFromString(m.SerializeAsString()));
  CHECK_FALSE(parsed.has_nonce());
}

TEST_CASE("Proof and GenProofResponse with status, proof and metadata", "[proto][post]") {
  pb::Proof p;
  p.set_nonce(7);
  p.set_indices(bytes({0xaa, 0xbb}));
  p.set_pow(0x1234);
  const std::string proof = bytes({0x08, 0x07, 0x12, 0x02, 0xaa, 0xbb, 0x18, 0xb4, 0x24});
  check_wire(p, proof);

  pb::GenProofResponse r;
  r.set_status(pb::GEN_PROOF_STATUS_OK);
  *r.mutable_proof() = p;
  r.mutable_metadata()->set_challenge(bytes({0x05, 0x06}));
  *r.mutable_metadata()->mutable_meta() = small_meta();
  const std::string proof_meta = bytes({0x0a, 0x02, 0x05, 0x06, 0x12, 0x05}) + kSmallMeta;
  check_wire(r, bytes({0x08, 0x01, 0x12, 0x09}) + proof + bytes({0x1a, 0x0b}) + proof_meta);

  pb::GenProofResponse err;
  err.set_status(pb::GEN_PROOF_STATUS_ERROR);
  check_wire(err, bytes({0x08, 0x02}));
  CHECK(pb::GEN_PROOF_STATUS_UNSPECIFIED == 0);
}

TEST_CASE("NodeRequest and ServiceResponse oneofs", "[proto][post]") {
  pb::NodeRequest meta_req;
  meta_req.mutable_metadata();
  check_wire(meta_req, bytes({0x0a, 0x00}));

  pb::NodeRequest gen;
  gen.mutable_gen_proof()->set_challenge(bytes({0x09, 0x08}));
  check_wire(gen, bytes({0x12, 0x04, 0x0a, 0x02, 0x09, 0x08}));

  pb::ServiceResponse meta_resp;
  *meta_resp.mutable_metadata()->mutable_meta() = small_meta();
  check_wire(meta_resp, bytes({0x0a, 0x07, 0x0a, 0x05}) + kSmallMeta);

  pb::ServiceResponse gen_resp;
  gen_resp.mutable_gen_proof()->set_status(pb::GEN_PROOF_STATUS_OK);  // "still proving"
  check_wire(gen_resp, bytes({0x12, 0x02, 0x08, 0x01}));
}

TEST_CASE("PostState and PostStatesResponse", "[proto][post]") {
  pb::PostStatesResponse r;
  auto* s = r.add_states();
  s->set_id(bytes({0xab}));
  s->set_state(pb::PostState::PROVING);
  s->set_name("a.key");
  const std::string state = bytes({0x0a, 0x01, 0xab, 0x10, 0x02, 0x1a, 0x05}) + "a.key";
  check_wire(*s, state);
  check_wire(r, bytes({0x0a, 0x0c}) + state);
  CHECK(pb::PostState::_UNUSED == 0);
  CHECK(pb::PostState::IDLE == 1);
}

TEST_CASE("SmesherService messages", "[proto][smesher]") {
  pb::PostSetupStatusResponse st;
  auto* status = st.mutable_status();
  status->set_state(pb::PostSetupStatus::STATE_IN_PROGRESS);
  status->set_num_labels_written(5);
  auto* opts = status->mutable_opts();
  opts->set_data_dir("d");
  opts->set_num_units(2);
  opts->set_max_file_size(3);
  opts->set_provider_id(0);  // optional: explicit 0 is sent
  opts->set_throttle(true);
  const std::string o = bytes({0x0a, 0x01, 'd', 0x10, 0x02, 0x18, 0x03, 0x20, 0x00, 0x28, 0x01});
  check_wire(st, bytes({0x0a, 0x11, 0x08, 0x03, 0x10, 0x05, 0x1a, 0x0b}) + o);

  pb::SmesherIDsResponse ids;
  ids.add_public_keys(bytes({0x01}));
  ids.add_public_keys(bytes({0x02, 0x03}));
  check_wire(ids, bytes({0x0a, 0x01, 0x01, 0x0a, 0x02, 0x02, 0x03}));

  pb::PostConfigResponse cfg;
  cfg.set_bits_per_label(128);
  cfg.set_labels_per_unit(1024);
  cfg.set_min_num_units(1);
  cfg.set_max_num_units(4);
  cfg.set_k1(26);
  cfg.set_k2(37);
  check_wire(cfg, bytes({0x08, 0x80, 0x01, 0x10, 0x80, 0x08, 0x18, 0x01, 0x20, 0x04, 0x28, 0x1a, 0x30, 0x25}));

  pb::CoinbaseResponse cb;
  cb.mutable_account_id()->set_address("sm1");
  check_wire(cb, bytes({0x0a, 0x05, 0x0a, 0x03}) + "sm1");

  pb::StartSmeshingResponse start;  // google.rpc.Status{code=5, message="x"}
  start.mutable_status()->set_code(5);
  start.mutable_status()->set_message("x");
  check_wire(start, bytes({0x0a, 0x05, 0x08, 0x05, 0x12, 0x01, 'x'}));

  pb::PostSetupProvidersResponse prov;
  auto* p = prov.add_providers();
  p->set_id(1);
  p->set_model("m");
  p->set_device_type(pb::PostSetupProvider::DEVICE_CLASS_GPU);
  p->set_performance(9);
  check_wire(prov, bytes({0x0a, 0x09, 0x08, 0x01, 0x12, 0x01, 'm', 0x18, 0x01, 0x20, 0x09}));
  CHECK(pb::PostSetupStatus::STATE_NOT_STARTED == 1);
  CHECK(pb::PostSetupStatus::STATE_ERROR == 6);
}

TEST_CASE("Admin Event variants", "[proto][admin]") {
  pb::Event e;
  e.mutable_timestamp()->set_seconds(100);
  e.set_failure(true);
  e.set_help("h");
  e.mutable_post_complete()->set_challenge(bytes({0x01}));
  e.mutable_post_complete()->set_smesher(bytes({0x02}));
  check_wire(e, bytes({0x0a, 0x02, 0x08, 0x64,                             // 1 timestamp
                       0x10, 0x01,                                         // 2 failure
                       0x1a, 0x01, 'h',                                    // 3 help
                       0x42, 0x06, 0x0a, 0x01, 0x01, 0x12, 0x01, 0x02}));  // 8 post_complete

  pb::Event end;  // 22 waiting_for_poet_round_end: two-byte tag 0xb2 0x01
  auto* w = end.mutable_waiting_for_poet_round_end();
  w->set_publish(3);
  w->set_target(4);
  w->mutable_round_end()->set_seconds(7);
  w->set_smesher(bytes({0x09}));
  check_wire(end, bytes({0xb2, 0x01, 0x0b, 0x08, 0x03, 0x10, 0x04, 0x1a, 0x02, 0x08, 0x07, 0x22, 0x01, 0x09}));

  pb::Event best;  // 21 best_proof_selected
  auto* b = best.mutable_best_proof_selected();
  b->set_url("u");
  b->set_round_id("r");
  b->set_ticks(300);
  b->set_smesher(bytes({0x05}));
  check_wire(best, bytes({0xaa, 0x01, 0x0c, 0x0a, 0x01, 'u', 0x12, 0x01, 'r', 0x18, 0xac, 0x02, 0x22, 0x01, 0x05}));

  pb::Event start;  // 7 post_start
  start.mutable_post_start()->set_challenge(bytes({0x07}));
  check_wire(start, bytes({0x3a, 0x03, 0x0a, 0x01, 0x07}));
}

TEST_CASE("Event oneof: every variant's name, number and type", "[proto][admin]") {
  const std::vector<std::pair<int, std::pair<std::string, std::string>>> variants = {
      {4, {"beacon", "EventBeacon"}},
      {5, {"init_start", "EventInitStart"}},
      {6, {"init_complete", "EventInitComplete"}},
      {7, {"post_start", "EventPostStart"}},
      {8, {"post_complete", "EventPostComplete"}},
      {9, {"poet_wait_round", "EventPoetWaitRound"}},
      {10, {"poet_wait_proof", "EventPoetWaitProof"}},
      {11, {"atx_published", "EventAtxPubished"}},
      {12, {"eligibilities", "EventEligibilities"}},
      {13, {"proposal", "EventProposal"}},
      {14, {"init_failed", "EventInitFailed"}},
      {15, {"malfeasance", "EventMalfeasance"}},
      {16, {"post_service_started", "EventPostServiceStarted"}},
      {17, {"post_service_stopped", "EventPostServiceStopped"}},
      {18, {"waiting_for_poet_registration_window", "EventWaitingForPoETRegistrationWindow"}},
      {19, {"proof_downloaded_from_poet", "EventProofDownloadedFromPoet"}},
      {20, {"registered_in_poet", "EventRegisteredInPoet"}},
      {21, {"best_proof_selected", "EventBestProofSelected"}},
      {22, {"waiting_for_poet_round_end", "EventWaitingForPoETRoundEnd"}},
  };
  const auto* d = pb::Event::descriptor();
  REQUIRE(d->oneof_decl_count() == 1);
  CHECK(d->oneof_decl(0)->name() == "details");
  CHECK(d->oneof_decl(0)->field_count() == static_cast<int>(variants.size()));
  for (const auto& [num, nt] : variants) {
    const auto* f = d->FindFieldByNumber(num);
    REQUIRE(f != nullptr);
    CHECK(f->name() == nt.first);
    CHECK(f->message_type()->full_name() == "spacemesh.v1." + nt.second);
  }
}

TEST_CASE("ActivationService and NodeService messages", "[proto][activation][node]") {
  pb::HighestResponse h;
  auto* a = h.mutable_atx();
  a->mutable_id()->set_id(bytes({0x01}));
  a->mutable_layer()->set_number(2);
  a->mutable_smesher_id()->set_id(bytes({0x03}));
  a->mutable_coinbase()->set_address("c");
  a->mutable_prev_atx()->set_id(bytes({0x04}));
  a->set_num_units(5);
  a->set_sequence(6);
  check_wire(h, bytes({0x0a, 0x1c, 0x0a, 0x03, 0x0a, 0x01, 0x01,  // 1 id
                       0x12, 0x02, 0x08, 0x02,                    // 2 layer
                       0x1a, 0x03, 0x0a, 0x01, 0x03,              // 3 smesher_id
                       0x22, 0x03, 0x0a, 0x01, 'c',               // 4 coinbase
                       0x2a, 0x03, 0x0a, 0x01, 0x04,              // 5 prev_atx
                       0x30, 0x05, 0x38, 0x06}));                 // 6 num_units, 7 sequence

  pb::GetResponse g;
  g.mutable_malfeasance_proof()->set_kind(pb::MalfeasanceProof::MALFEASANCE_HARE);
  check_wire(g, bytes({0x12, 0x02, 0x18, 0x03}));

  pb::StatusResponse s;
  auto* ns = s.mutable_status();
  ns->set_connected_peers(3);
  ns->set_is_synced(true);
  ns->mutable_synced_layer()->set_number(1);
  ns->mutable_top_layer()->set_number(2);
  ns->mutable_verified_layer()->set_number(3);
  check_wire(s, bytes({0x0a, 0x10, 0x08, 0x03, 0x10, 0x01, 0x1a, 0x02, 0x08, 0x01, 0x22, 0x02, 0x08, 0x02, 0x2a, 0x02,
                       0x08, 0x03}));

  pb::VersionResponse v;
  v.mutable_version_string()->set_value("v1");
  check_wire(v, bytes({0x0a, 0x04, 0x0a, 0x02, 'v', '1'}));

  pb::NodeInfoResponse info;
  info.set_hrp("sm");
  info.set_first_genesis(1);
  info.set_effective_genesis(2);
  info.set_epoch_size(3);
  check_wire(info, bytes({0x0a, 0x02, 's', 'm', 0x10, 0x01, 0x18, 0x02, 0x20, 0x03}));
}

namespace {

struct Method {
  std::string name, input, output;
  bool client_streaming = false, server_streaming = false;
};

// Looks the service up the way server reflection does: by name in the generated pool.
void check_service(const std::string& full_name, const std::vector<Method>& methods) {
  INFO(full_name);
  const auto* svc = DescriptorPool::generated_pool()->FindServiceByName(full_name);
  REQUIRE(svc != nullptr);
  CHECK(svc->method_count() == static_cast<int>(methods.size()));
  for (const auto& m : methods) {
    INFO(m.name);
    const auto* md = svc->FindMethodByName(m.name);
    REQUIRE(md != nullptr);
    CHECK(md->input_type()->full_name() == m.input);
    CHECK(md->output_type()->full_name() == m.output);
    CHECK(md->client_streaming() == m.client_streaming);
    CHECK(md->server_streaming() == m.server_streaming);
  }
}

const std::string kEmpty = "google.protobuf.Empty";
std::string v1(const std::string& n) { return "spacemesh.v1." + n; }

}  // namespace

TEST_CASE("services: full names, methods, types and streaming", "[proto][services]") {
  CHECK(std::string(pb::PostService::service_full_name()) == "spacemesh.v1.PostService");
  check_service(v1("PostService"), {{"Register", v1("ServiceResponse"), v1("NodeRequest"), true, true}});
  check_service(v1("PostInfoService"), {{"PostStates", v1("PostStatesRequest"), v1("PostStatesResponse")}});
  check_service(v1("SmesherService"),
                {{"IsSmeshing", kEmpty, v1("IsSmeshingResponse")},
                 {"StartSmeshing", v1("StartSmeshingRequest"), v1("StartSmeshingResponse")},
                 {"StopSmeshing", v1("StopSmeshingRequest"), v1("StopSmeshingResponse")},
                 {"SmesherIDs", kEmpty, v1("SmesherIDsResponse")},
                 {"Coinbase", kEmpty, v1("CoinbaseResponse")},
                 {"SetCoinbase", v1("SetCoinbaseRequest"), v1("SetCoinbaseResponse")},
                 {"PostSetupStatus", kEmpty, v1("PostSetupStatusResponse")},
                 {"PostSetupStatusStream", kEmpty, v1("PostSetupStatusStreamResponse"), false, true},
                 {"PostSetupProviders", v1("PostSetupProvidersRequest"), v1("PostSetupProvidersResponse")},
                 {"PostConfig", kEmpty, v1("PostConfigResponse")}});
  check_service(v1("ActivationService"),
                {{"Get", v1("GetRequest"), v1("GetResponse")}, {"Highest", kEmpty, v1("HighestResponse")}});
  check_service(v1("AdminService"),
                {{"CheckpointStream", v1("CheckpointStreamRequest"), v1("CheckpointStreamResponse"), false, true},
                 {"Recover", v1("RecoverRequest"), kEmpty},
                 {"EventsStream", v1("EventStreamRequest"), v1("Event"), false, true},
                 {"PeerInfoStream", kEmpty, v1("PeerInfo"), false, true}});
  check_service(v1("NodeService"),
                {{"Echo", v1("EchoRequest"), v1("EchoResponse")},
                 {"Version", kEmpty, v1("VersionResponse")},
                 {"Build", kEmpty, v1("BuildResponse")},
                 {"Status", v1("StatusRequest"), v1("StatusResponse")},
                 {"NodeInfo", kEmpty, v1("NodeInfoResponse")},
                 {"StatusStream", v1("StatusStreamRequest"), v1("StatusStreamResponse"), false, true},
                 {"ErrorStream", v1("ErrorStreamRequest"), v1("ErrorStreamResponse"), false, true}});
}

TEST_CASE("grpc method paths", "[proto][services]") {
  // The HTTP/2 :path a real post-service dials; fixed by package, service and method name.
  const auto* md = DescriptorPool::generated_pool()->FindMethodByName("spacemesh.v1.PostService.Register");
  REQUIRE(md != nullptr);
  CHECK("/" + md->service()->full_name() + "/" + md->name() == "/spacemesh.v1.PostService/Register");
}
