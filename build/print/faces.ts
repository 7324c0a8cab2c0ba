/**
 * No crop cuts a face. Run in the laid-out page (print pages and share cards alike): for every
 * image that lists its faces (data-faces, boxes in shares of its size), the part of it its box
 * shows (object-fit and object-position, from the focal point) must hold every face whole.
 * Standalone, with no named inner functions: Chromium gets its source as it is (page.evaluate).
 */
export interface CroppedFace {
  image: string;
  /** 1-based, in the order content/images.yaml lists the faces. */
  face: number;
}

export function croppedFaces(): CroppedFace[] {
  const out: CroppedFace[] = [];
  for (const img of document.querySelectorAll<HTMLImageElement>("img[data-faces]")) {
    const faces = JSON.parse(img.dataset.faces!) as { x: number; y: number; width: number; height: number }[];
    const box = img.getBoundingClientRect();
    if (!faces.length || !box.width || !box.height || !img.naturalWidth) continue; // not shown here
    const style = getComputedStyle(img);
    const coverOrContain = style.objectFit === "cover" ? Math.max : Math.min;
    const scale = coverOrContain(box.width / img.naturalWidth, box.height / img.naturalHeight);
    const [w, h] = [img.naturalWidth * scale, img.naturalHeight * scale];
    // object-position in percentages: that share of the free room goes before the image.
    const [px, py] = style.objectPosition.split(" ").map((v) => parseFloat(v) / 100) as [number, number];
    const x0 = ((w - box.width) * px) / w;
    const y0 = ((h - box.height) * py) / h;
    const [x1, y1] = [x0 + box.width / w, y0 + box.height / h];
    faces.forEach((f, i) => {
      if (f.x < x0 - 0.001 || f.x + f.width > x1 + 0.001 || f.y < y0 - 0.001 || f.y + f.height > y1 + 0.001)
        out.push({ image: img.dataset.image!, face: i + 1 });
    });
  }
  return out;
}

/** What a cropped face means for the person editing the content. */
export function croppedFaceProblem(where: string, cut: CroppedFace) {
  return {
    file: "content/images.yaml",
    field: `${cut.image}.focal`,
    message: `${where}: image "${cut.image}" is cropped across face ${cut.face} where it is placed`,
    hint: "move its focal point towards the faces, or use an image whose faces fit the shape",
  };
}
