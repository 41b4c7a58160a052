/* seg-frame-buffers.h — warm frame buffers for GTK's cairo renderer under X11
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With the cairo renderer GTK 4.8 draws each frame into a new image the
 * size of the frame's damage and copies it into the window through an XShm
 * segment that cairo-xlib takes from a pool and gives back, pool and all,
 * once the X server is done with it.  Every frame that repaints much of the
 * window therefore touches pages the process never had: on a virtual
 * machine about 13 µs a page, 25–30 ms for a whole 1280×860 frame, more
 * than it takes to draw it.  Keeping one small block of a window-sized pool
 * lets cairo-xlib keep the pool and reuse its pages from frame to frame.
 * The image is calloc'd: the window holds a window-sized heap block, its
 * pages faulted in by a worker, and frees it only while a frame is painted,
 * so the image is cut from pages the process has (5 MB for 1280×860).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _SegFrameBuffers SegFrameBuffers;

/* For a realized @native: NULL unless it renders with cairo on X11. */
SegFrameBuffers *seg_frame_buffers_new  (GtkNative       *native);
/* Before @native is unrealized (the pool belongs to its display). */
void             seg_frame_buffers_free (SegFrameBuffers *buffers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegFrameBuffers, seg_frame_buffers_free)

G_END_DECLS
