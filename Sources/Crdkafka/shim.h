#ifndef GUANCE_JIRA_SYNC_CRDKAFKA_SHIM_H
#define GUANCE_JIRA_SYNC_CRDKAFKA_SHIM_H

// librdkafka from Debian's librdkafka-dev (2.0.2). Only the Kafka module imports this.
// The mock cluster's API (rdkafka_mock.h) is in CrdkafkaMock, imported by KafkaMock only.
#include <librdkafka/rdkafka.h>

#endif
