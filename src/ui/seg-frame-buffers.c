/* seg-frame-buffers.c — warm frame buffers for GTK's cairo renderer under X11
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-frame-buffers"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "seg-frame-buffers.h"

#if defined (GDK_WINDOWING_X11) && defined (HAVE_CAIRO_XLIB)
#include <cairo-xlib.h>
#include <gdk/x11/gdkx.h>
#define WARM_X11 1
#endif

#if defined (WARM_X11) && defined (__GLIBC__) && defined (__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define WARM_HEAP 1
#endif

enum
{
  RESERVE_IDLE,
  RESERVE_TOUCHING,    /* a worker is faulting its pages in */
  RESERVE_ABANDONED,   /* ... and frees it when done */
};

/* A window-sized block of the heap, touched once, that the window holds
 * between frames and lets go of while a frame is painted: the frame's
 * image (calloc'd by cairo, up to the window's size) is then cut from
 * pages the process already has, and the block is taken back after. */
typedef struct
{
  char   *block;
  gsize   size;
  gint    state;
  gint64  touched_at;   /* monotonic µs of the last worker's start */
} Reserve;

/* If the heap keeps giving the block back with new pages (it trimmed
 * them), touching them after every frame would cost more than it saves. */
#define TOUCH_INTERVAL_US (G_USEC_PER_SEC)

struct _SegFrameBuffers
{
  cairo_surface_t *pin;       /* a small block of the window-sized XShm pool */
  GdkFrameClock   *clock;
  gulong           before_paint_id;
  gulong           after_paint_id;
  Reserve         *reserve;   /* NULL when not kept */
};

#ifdef WARM_HEAP
/* Whether every page of @block is in memory (mincore () on the pages). */
static gboolean
resident (char  *block,
          gsize  size)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr first = (guintptr) block & ~(guintptr) (page - 1);
  gsize n = ((guintptr) block + size - first + page - 1) / page;
  g_autofree unsigned char *in = g_malloc (n);

  if (mincore ((void *) first, n * page, in) != 0)
    return TRUE;   /* cannot tell: do not touch */
  for (gsize i = 0; i < n; i++)
    if (!(in[i] & 1))
      return FALSE;
  return TRUE;
}

static gpointer
touch_thread (gpointer data)
{
  Reserve *reserve = data;

  memset (reserve->block, 0, reserve->size);
  if (!g_atomic_int_compare_and_exchange (&reserve->state, RESERVE_TOUCHING, RESERVE_IDLE))
    {
      free (reserve->block);
      g_free (reserve);
    }
  return NULL;
}

/* Takes the block back after a frame; a worker faults in its pages if
 * they are new (the first time, or if the heap gave other pages). */
static void
take_reserve (Reserve *reserve)
{
  if (reserve->block != NULL)
    return;
  reserve->block = malloc (reserve->size);
  if (reserve->block == NULL || resident (reserve->block, reserve->size) ||
      (reserve->touched_at != 0 && g_get_monotonic_time () - reserve->touched_at < TOUCH_INTERVAL_US))
    return;
  reserve->touched_at = g_get_monotonic_time ();
  g_atomic_int_set (&reserve->state, RESERVE_TOUCHING);
  g_thread_unref (g_thread_new ("seg-warm-heap", touch_thread, reserve));
}

static void
before_paint_cb (GdkFrameClock   *clock,
                 SegFrameBuffers *buffers)
{
  Reserve *reserve = buffers->reserve;

  if (reserve->block != NULL && g_atomic_int_get (&reserve->state) == RESERVE_IDLE)
    g_clear_pointer (&reserve->block, free);
}

static void
after_paint_cb (GdkFrameClock   *clock,
                SegFrameBuffers *buffers)
{
  take_reserve (buffers->reserve);
}

/* A window-sized image comes from the heap only once glibc's mmap
 * threshold is above it: glibc raises the threshold to the size of a
 * freed mapped block, as it would after the first such frame anyway. */
static void
keep_reserve (SegFrameBuffers *buffers,
              GdkSurface      *surface,
              gsize            size)
{
  static gsize raised;

  if (g_once_init_enter (&raised))
    {
      char *volatile big = malloc (2 * size);

      if (big != NULL)
        big[0] = 1;
      free (big);
      g_once_init_leave (&raised, 1);
    }
  buffers->reserve = g_new0 (Reserve, 1);
  buffers->reserve->size = size;
  take_reserve (buffers->reserve);
  buffers->clock = g_object_ref (gdk_surface_get_frame_clock (surface));
  buffers->before_paint_id = g_signal_connect (buffers->clock, "before-paint", G_CALLBACK (before_paint_cb), buffers);
  buffers->after_paint_id = g_signal_connect (buffers->clock, "after-paint", G_CALLBACK (after_paint_cb), buffers);
}

static void
drop_reserve (Reserve *reserve)
{
  /* a worker still touching it frees it */
  if (g_atomic_int_compare_and_exchange (&reserve->state, RESERVE_TOUCHING, RESERVE_ABANDONED))
    return;
  free (reserve->block);
  g_free (reserve);
}
#endif

SegFrameBuffers *
seg_frame_buffers_new (GtkNative *native)
{
#ifdef WARM_X11
  GdkSurface *surface;
  GdkDisplay *display;
  Display *xdisplay;
  cairo_surface_t *window, *frame;
  SegFrameBuffers *buffers;
  int width, height;

  g_return_val_if_fail (GTK_IS_NATIVE (native), NULL);

  surface = gtk_native_get_surface (native);
  if (surface == NULL || !GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native)))
    return NULL;
  display = gdk_surface_get_display (surface);
  if (!GDK_IS_X11_DISPLAY (display))
    return NULL;
  /* a window not yet mapped may not have its size yet */
  gtk_window_get_default_size (GTK_WINDOW (native), &width, &height);
  width = MAX (width, gdk_surface_get_width (surface));
  height = MAX (height, gdk_surface_get_height (surface));
  if (width <= 0 || height <= 0)
    return NULL;

  /* cairo-xlib makes a pool eight times the first request's power of two
   * and hands out its blocks; a frame's image, freed and asked for again,
   * gets the same block, so its pages stay the process's */
  xdisplay = gdk_x11_display_get_xdisplay (display);
  window = cairo_xlib_surface_create (xdisplay, gdk_x11_surface_get_xid (surface),
                                      DefaultVisual (xdisplay, DefaultScreen (xdisplay)), width, height);
  frame = cairo_surface_create_similar_image (window, CAIRO_FORMAT_ARGB32, width, height);
  buffers = g_new0 (SegFrameBuffers, 1);
  /* from the same pool (the frame's block is still taken), without XShm
   * (cairo's image fallback) it is a plain image and keeps nothing */
  buffers->pin = cairo_surface_create_similar_image (window, CAIRO_FORMAT_ARGB32, 16, 16);
  cairo_surface_destroy (frame);
  cairo_surface_destroy (window);
#ifdef WARM_HEAP
  keep_reserve (buffers, surface, (gsize) width * height * 4 + (1 << 20));
#endif
  return buffers;
#else
  return NULL;
#endif
}

void
seg_frame_buffers_free (SegFrameBuffers *buffers)
{
  if (buffers == NULL)
    return;
  g_clear_pointer (&buffers->pin, cairo_surface_destroy);
  g_clear_signal_handler (&buffers->before_paint_id, buffers->clock);
  g_clear_signal_handler (&buffers->after_paint_id, buffers->clock);
  g_clear_object (&buffers->clock);
#ifdef WARM_HEAP
  g_clear_pointer (&buffers->reserve, drop_reserve);
#endif
  g_free (buffers);
}
