// Answers the node's requests on PostService.Register (post.md §7.3, node.md §1).
#pragma once

#include "post/metadata.h"
#include "post_service/proving_service.h"
#include "spacemesh/v1/post_types.pb.h"

namespace post_service {

// MetadataRequest: the data's Metadata. GenProofRequest: OK without a proof while proving,
// OK with the proof and its metadata (challenge echoed) when done, ERROR otherwise.
// A request of no known kind gets an ERROR GenProofResponse, as in the reference.
spacemesh::v1::ServiceResponse HandleNodeRequest(const spacemesh::v1::NodeRequest& request,
                                                 const post::PostMetadata& meta, ProvingService& prover);

}  // namespace post_service
