/* seg-progress.h — progress from a worker thread to the main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker reports as often as it likes; the caller's callback runs in the
 * context that created the relay, with the latest fraction and message, and
 * at most one idle is pending at a time (as sysprof throttles its progress).
 */
#pragma once

#include <glib.h>

#include "seg-types.h"

G_BEGIN_DECLS

typedef struct _SegProgressRelay SegProgressRelay;

/**
 * seg_progress_relay_new:
 * @progress: what to call in the caller's main context
 * @progress_data: (closure progress): its data, alive until the relay is
 *   closed
 *
 * A relay to the thread-default main context of the caller: a worker's
 * reports reach @progress there, at most one pending at a time, the latest
 * fraction and message winning.
 *
 * Returns: (transfer full): a new relay
 */
SegProgressRelay *seg_progress_relay_new    (SegProgressFunc   progress,
                                             gpointer          progress_data);
/**
 * seg_progress_relay_ref:
 * @relay: a relay
 *
 * Returns: (transfer full): @relay
 */
SegProgressRelay *seg_progress_relay_ref    (SegProgressRelay *relay);
/**
 * seg_progress_relay_unref:
 * @relay: (transfer full): a relay
 */
void              seg_progress_relay_unref  (SegProgressRelay *relay);
/**
 * seg_progress_relay_report:
 * @fraction: done so far, 0 to 1
 * @message: (nullable): what is being done, in words
 * @relay: (type SegProgressRelay): the relay
 *
 * A #SegProgressFunc for the worker: pass the relay as its user data.
 */
void              seg_progress_relay_report (double            fraction,
                                             const char       *message,
                                             gpointer          relay);
/**
 * seg_progress_relay_close:
 * @relay: a relay
 *
 * Drops the reports still pending: call it in the relay's context when the
 * job is over, so that no progress arrives after its completion.
 */
void              seg_progress_relay_close  (SegProgressRelay *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegProgressRelay, seg_progress_relay_unref)

G_END_DECLS
