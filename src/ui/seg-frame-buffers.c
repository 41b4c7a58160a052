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

struct _SegFrameBuffers
{
  cairo_surface_t *pin;   /* a small block of the window-sized XShm pool */
};

/* The first window-sized image of a frame comes from the heap only once
 * glibc's mmap threshold is above it (glibc raises the threshold to the
 * size of a freed mapped block), and costs no faults only if a worker has
 * touched those heap pages first.  Freed by the worker, the block goes
 * back to the top of the heap, where the frame's image is then cut from. */
typedef struct
{
  char  *block;
  gsize  size;
} HeapBlock;

static gpointer
touch_heap_thread (gpointer data)
{
  HeapBlock *heap = data;

  memset (heap->block, 0, heap->size);
  free (heap->block);
  g_free (heap);
  return NULL;
}

static void
warm_heap (gsize size)
{
#ifdef __GLIBC__
  static gsize done;
  char *volatile raise;
  HeapBlock *heap;

  if (!g_once_init_enter (&done))
    return;
  raise = malloc (2 * size);   /* mapped: freeing it raises the threshold */
  if (raise != NULL)
    {
      raise[0] = 1;
      free (raise);
    }
  heap = g_new (HeapBlock, 1);
  heap->size = size;
  heap->block = malloc (size);   /* now from the heap; not touched here */
  if (heap->block != NULL)
    g_thread_unref (g_thread_new ("seg-warm-heap", touch_heap_thread, heap));
  else
    g_free (heap);
  g_once_init_leave (&done, 1);
#endif
}

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
  warm_heap ((gsize) width * height * 4 + (1 << 20));

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
  g_free (buffers);
}
