# Writes coco.json: a COCO detection file (https://cocodataset.org/#format-data) with polygon, list-RLE and
# compressed-string RLE annotations. The string encoder follows pycocotools' maskApi.c rleToString.
import json

W, H = 40, 30

def bitmap():
    # Foreground: the block x 5..14, y 3..11, plus the whole column x = 20.
    return [[1 if (5 <= x < 15 and 3 <= y < 12) or x == 20 else 0 for x in range(W)] for y in range(H)]

def rle_counts(bits):
    counts, last, run = [], 0, 0
    for x in range(W):           # column-major: down each column, left to right
        for y in range(H):
            v = bits[y][x]
            if v != last:
                counts.append(run); run = 0; last = v
            run += 1
    counts.append(run)
    return counts

def rle_to_string(cnts):
    s = []
    for i, x in enumerate(cnts):
        if i > 2:
            x -= cnts[i - 2]
        more = True
        while more:
            c = x & 0x1f
            x >>= 5
            more = (x != -1) if (c & 0x10) else (x != 0)
            if more:
                c |= 0x20
            s.append(chr(c + 48))
    return ''.join(s)

counts = rle_counts(bitmap())
doc = {
    "info": {"description": "ImagePrep mask importer fixture", "version": "1.0"},
    "images": [
        {"id": 1, "file_name": "street.jpg", "width": W, "height": H},
        {"id": 2, "file_name": "other.jpg", "width": 64, "height": 48},
    ],
    "categories": [{"id": 1, "name": "car", "supercategory": "vehicle"}, {"id": 2, "name": "crowd"}],
    "annotations": [
        {"id": 10, "image_id": 1, "category_id": 1, "iscrowd": 0, "area": 0, "bbox": [2, 2, 10, 10],
         "segmentation": [[2, 20, 10, 20, 10, 28, 2, 28], [30, 2, 38, 2, 34, 8]]},
        {"id": 11, "image_id": 1, "category_id": 2, "iscrowd": 1, "area": 0, "bbox": [5, 0, 16, 30],
         "segmentation": {"counts": counts, "size": [H, W]}},
        {"id": 12, "image_id": 1, "category_id": 2, "iscrowd": 1, "area": 0, "bbox": [5, 0, 16, 30],
         "segmentation": {"counts": rle_to_string(counts), "size": [H, W]}},
        {"id": 20, "image_id": 2, "category_id": 1, "iscrowd": 0, "area": 0, "bbox": [0, 0, 4, 4],
         "segmentation": [[1, 1, 40, 1, 40, 40]]},
    ],
}
json.dump(doc, open("coco.json", "w"), indent=1)
print(counts, rle_to_string(counts))
