/*
 * JPEG decoding through the system's libjpeg-turbo with DCT-domain scaling (issue 9): a detector with a
 * 416-pixel input needs a quarter of a 1080p frame's pixels, and libjpeg-turbo produces them from the
 * coefficients (a 4x4 inverse DCT instead of 8x8, colour conversion on a quarter of the pixels) in about half
 * the time of a full decode. ImageIO, which Java's ImageDecoder uses otherwise, decodes every pixel and only
 * then drops the ones it does not want.
 *
 * Same rules as the ImageIO path: an error (a broken stream, an unsupported colour conversion) is thrown as an
 * IOException and the Java side decides; a warning (corrupt or missing data: libjpeg would fill in grey) is
 * counted and reported, never printed. A stream with more than MAX_SCANS scans is refused before it can spend
 * minutes of CPU on thousands of progressive scans.
 */
#include <jni.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

#define MAX_SCANS 500

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf escape;
    char first_warning[JMSG_LENGTH_MAX];
    int too_many_scans;
} errors;

static void on_error(j_common_ptr c) {
    longjmp(((errors *) c->err)->escape, 1);
}

static void on_message(j_common_ptr c, int level) {
    errors *e = (errors *) c->err;
    if (level < 0) {
        if (e->pub.num_warnings == 0) {
            (*c->err->format_message)(c, e->first_warning);
        }
        e->pub.num_warnings++;
    }
}

static void on_progress(j_common_ptr c) {
    j_decompress_ptr d = (j_decompress_ptr) c;
    if (c->is_decompressor && d->input_scan_number > MAX_SCANS) {
        ((errors *) c->err)->too_many_scans = 1;
        longjmp(((errors *) c->err)->escape, 1);
    }
}

static void throw_io(JNIEnv *env, const char *msg) {
    jclass k = (*env)->FindClass(env, "java/io/IOException");
    if (k != NULL) {
        (*env)->ThrowNew(env, k, msg);
    }
}

/*
 * A source manager that reads the encoded bytes from the Java array in chunks, as ImageIO does: no second
 * copy of a record that may be megabytes.
 */
#define CHUNK 65536

typedef struct {
    struct jpeg_source_mgr pub;
    JNIEnv *env;
    jbyteArray array;
    jsize length;
    jsize next;
    JOCTET buffer[CHUNK];
} java_source;

static void source_init(j_decompress_ptr d) {
    (void) d;
}

static boolean source_fill(j_decompress_ptr d) {
    static const JOCTET eoi[2] = {0xFF, JPEG_EOI};
    java_source *s = (java_source *) d->src;
    jsize n = s->length - s->next < CHUNK ? s->length - s->next : CHUNK;
    if (n <= 0) {
        /* what libjpeg's own memory source does at the end: warn (the record is rejected) and end the image */
        WARNMS(d, JWRN_JPEG_EOF);
        s->pub.next_input_byte = eoi;
        s->pub.bytes_in_buffer = 2;
        return TRUE;
    }
    (*s->env)->GetByteArrayRegion(s->env, s->array, s->next, n, (jbyte *) s->buffer);
    s->next += n;
    s->pub.next_input_byte = s->buffer;
    s->pub.bytes_in_buffer = (size_t) n;
    return TRUE;
}

static void source_skip(j_decompress_ptr d, long count) {
    java_source *s = (java_source *) d->src;
    if (count <= 0) {
        return;
    }
    while (count > (long) s->pub.bytes_in_buffer) {
        count -= (long) s->pub.bytes_in_buffer;
        source_fill(d);
    }
    s->pub.next_input_byte += count;
    s->pub.bytes_in_buffer -= (size_t) count;
}

static void source_term(j_decompress_ptr d) {
    (void) d;
}

/*
 * Decodes src at scale eighths/8 into a new Java array of BGR bytes, 3 per pixel, rows packed, written a strip
 * at a time: native memory stays at a chunk of input and a strip of output whatever the image's size. info
 * receives {width, height, source width, source height, warnings}; the first warning's text goes to warning[0].
 */
JNIEXPORT jbyteArray JNICALL Java_io_visionstream_codec_TurboJpeg_decode(JNIEnv *env, jclass cls, jbyteArray src,
        jint eighths, jlong maxOutputBytes, jintArray info, jobjectArray warning) {
    (void) cls;
    struct jpeg_decompress_struct d;
    errors e;
    struct jpeg_progress_mgr progress;
    java_source *source = calloc(1, sizeof(java_source));
    unsigned char *volatile strip = NULL; /* assigned after setjmp, freed after longjmp */
    jbyteArray result = NULL;
    if (source == NULL) {
        throw_io(env, "out of native memory");
        return NULL;
    }
    memset(&e, 0, sizeof e);
    d.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = on_error;
    e.pub.emit_message = on_message;
    progress.progress_monitor = on_progress;
    if (setjmp(e.escape)) {
        char msg[JMSG_LENGTH_MAX];
        if (e.too_many_scans) {
            snprintf(msg, sizeof msg, "more than %d scans", MAX_SCANS);
        } else {
            (*d.err->format_message)((j_common_ptr) &d, msg);
        }
        jpeg_destroy_decompress(&d);
        free(source);
        free(strip);
        if (!(*env)->ExceptionCheck(env)) {
            throw_io(env, msg);
        }
        return NULL;
    }
    jpeg_create_decompress(&d);
    d.progress = &progress;
    source->env = env;
    source->array = src;
    source->length = (*env)->GetArrayLength(env, src);
    source->pub.init_source = source_init;
    source->pub.fill_input_buffer = source_fill;
    source->pub.skip_input_data = source_skip;
    source->pub.resync_to_restart = jpeg_resync_to_restart;
    source->pub.term_source = source_term;
    d.src = &source->pub;
    jpeg_read_header(&d, TRUE);
    d.scale_num = (unsigned int) eighths;
    d.scale_denom = 8;
    d.out_color_space = JCS_EXT_BGR;
    jpeg_calc_output_dimensions(&d);
    size_t row = (size_t) d.output_width * 3;
    size_t bytes = row * d.output_height;
    if ((jlong) bytes > maxOutputBytes || bytes > 0x7FFFFFF0u) {
        char msg[160];
        snprintf(msg, sizeof msg, "decoded %ux%u would need %zu bytes, more than %lld", d.output_width,
                 d.output_height, bytes, (long long) maxOutputBytes);
        jpeg_destroy_decompress(&d);
        free(source);
        throw_io(env, msg);
        return NULL;
    }
    jpeg_start_decompress(&d);
    int rows = d.rec_outbuf_height > 0 ? d.rec_outbuf_height : 1;
    JSAMPROW pointers[16];
    if (rows > 16) {
        rows = 16;
    }
    strip = malloc(row * (size_t) rows);
    result = strip == NULL ? NULL : (*env)->NewByteArray(env, (jsize) bytes);
    if (result == NULL) {
        /* NewByteArray left an OutOfMemoryError pending; a failed malloc gets an IOException */
        jpeg_destroy_decompress(&d);
        free(source);
        free(strip);
        if (!(*env)->ExceptionCheck(env)) {
            throw_io(env, "out of native memory for a strip of the image");
        }
        return NULL;
    }
    for (int i = 0; i < rows; i++) {
        pointers[i] = strip + row * (size_t) i;
    }
    while (d.output_scanline < d.output_height) {
        JDIMENSION first = d.output_scanline;
        JDIMENSION got = jpeg_read_scanlines(&d, pointers, (JDIMENSION) rows);
        (*env)->SetByteArrayRegion(env, result, (jsize) (row * first), (jsize) (row * got), (jbyte *) strip);
    }
    jpeg_finish_decompress(&d);

    jint meta[5] = {(jint) d.output_width, (jint) d.output_height, (jint) d.image_width, (jint) d.image_height,
                    (jint) e.pub.num_warnings};
    jpeg_destroy_decompress(&d);
    free(source);
    free(strip);
    (*env)->SetIntArrayRegion(env, info, 0, 5, meta);
    if (meta[4] > 0) {
        jstring w = (*env)->NewStringUTF(env, e.first_warning);
        if (w != NULL) {
            (*env)->SetObjectArrayElement(env, warning, 0, w);
        }
    }
    return result;
}

/*
 * Encodes width×height BGR bytes (3 per pixel, rows packed) as a baseline JPEG at an IJG quality (1–100), as
 * ImageIO's writer does at quality/100 (4:2:0 chroma, JFIF), in under half its time for an overlay.
 */
JNIEXPORT jbyteArray JNICALL Java_io_visionstream_codec_TurboJpeg_encode(JNIEnv *env, jclass cls, jbyteArray bgr,
        jint width, jint height, jint quality) {
    (void) cls;
    size_t row = (size_t) width * 3;
    if (width <= 0 || height <= 0 || (size_t) (*env)->GetArrayLength(env, bgr) < row * (size_t) height) {
        throw_io(env, "pixel array smaller than width x height x 3");
        return NULL;
    }
    unsigned char *in = malloc(row); /* one row at a time from the Java array */
    if (in == NULL) {
        throw_io(env, "out of native memory for a row of the image");
        return NULL;
    }

    struct jpeg_compress_struct c;
    errors e;
    unsigned char *volatile out = NULL; /* grown by libjpeg; freed here after longjmp too */
    unsigned long size = 0;
    memset(&e, 0, sizeof e);
    c.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = on_error;
    e.pub.emit_message = on_message;
    if (setjmp(e.escape)) {
        char msg[JMSG_LENGTH_MAX];
        (*c.err->format_message)((j_common_ptr) &c, msg);
        jpeg_destroy_compress(&c);
        free(in);
        free(out);
        throw_io(env, msg);
        return NULL;
    }
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, (unsigned char **) &out, &size);
    c.image_width = (JDIMENSION) width;
    c.image_height = (JDIMENSION) height;
    c.input_components = 3;
    c.in_color_space = JCS_EXT_BGR;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW r = in;
        (*env)->GetByteArrayRegion(env, bgr, (jsize) (row * c.next_scanline), (jsize) row, (jbyte *) in);
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(in);
    jbyteArray result = (*env)->NewByteArray(env, (jsize) size);
    if (result != NULL) {
        (*env)->SetByteArrayRegion(env, result, 0, (jsize) size, (jbyte *) out);
    }
    free(out);
    return result;
}
