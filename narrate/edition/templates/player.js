(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("edition-data").textContent);
  var audio = document.getElementById("audio");
  var storyList = document.getElementById("stories");
  var transcript = document.getElementById("transcript");
  var sentences = [];
  var storyButtons = [];
  var pending = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clock(ms) {
    var s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
    var mm = String(m % 60), ss = String(s % 60).padStart(2, "0");
    return h ? h + ":" + mm.padStart(2, "0") + ":" + ss : mm + ":" + ss;
  }
  function seek(ms) {
    var t = ms / 1000 + 0.001;
    if (audio.readyState >= 1) { audio.currentTime = t; } else { pending = t; }
    var played = audio.play();
    if (played && played.catch) played.catch(function () {});
  }
  audio.addEventListener("loadedmetadata", function () {
    if (pending !== null) { audio.currentTime = pending; pending = null; }
  });

  data.stories.forEach(function (story, i) {
    var li = el("li");
    var button = el("button", "story");
    button.type = "button";
    button.dataset.start = story.start_ms;
    button.appendChild(el("span", "n", i + 1));
    button.appendChild(el("span", "h", story.title));
    button.appendChild(el("span", "t", clock(story.start_ms)));
    var credit = [story.byline ? "By " + story.byline : "", story.publication || ""].filter(Boolean).join(" · ");
    if (credit) button.appendChild(el("span", "by", credit));
    button.addEventListener("click", function () { seek(story.start_ms); });
    li.appendChild(button);
    storyList.appendChild(li);
    storyButtons.push(button);
  });

  function storyAt(ms) {
    for (var i = 0; i < data.stories.length; i++) {
      if (ms >= data.stories[i].start_ms && ms < data.stories[i].end_ms) return i;
    }
    return -1;
  }

  var section = null, sectionStory = -2, p = null, lastParagraph = null;
  data.segments.forEach(function (seg) {
    var story = seg.kind === "intro" || seg.kind === "outro" ? -1 : storyAt(seg.start_ms);
    if (!section || story !== sectionStory) {
      section = el("section", "part");
      if (story >= 0) {
        var s = data.stories[story];
        section.id = "story-" + (story + 1);
        section.appendChild(el("h3", null, s.title));
        var credit = el("p", "credit");
        credit.textContent = [s.byline ? "By " + s.byline : "", s.publication || ""].filter(Boolean).join(" · ");
        if (/^https?:\/\//.test(s.source_url || "")) {
          if (credit.textContent) credit.appendChild(document.createTextNode(" · "));
          var a = el("a", null, s.source_url);
          a.href = s.source_url;
          a.rel = "noopener noreferrer";
          credit.appendChild(a);
        }
        if (credit.firstChild) section.appendChild(credit);
      }
      transcript.appendChild(section);
      sectionStory = story;
    }
    if (seg.kind === "headline") return; // the heading already shows it
    var together = p && p.parentNode === section && seg.paragraph === lastParagraph &&
      (seg.kind === "body" || seg.kind === "quote") && !/intro|outro|standfirst/.test(p.className);
    if (together) {
      p.appendChild(document.createTextNode(" "));
    } else {
      p = el("p", "seg " + seg.kind);
      section.appendChild(p);
    }
    lastParagraph = seg.paragraph;
    seg.sentences.forEach(function (sentence, k) {
      if (k) p.appendChild(document.createTextNode(" "));
      var span = el("span", seg.kind === "quote" ? "sentence said" : "sentence", sentence.text);
      span.tabIndex = 0;
      span.setAttribute("role", "button");
      span.dataset.start = sentence.start_ms;
      span.dataset.end = sentence.end_ms;
      span.addEventListener("click", function () { seek(sentence.start_ms); });
      span.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(sentence.start_ms); }
      });
      p.appendChild(span);
      sentences.push({ start: sentence.start_ms, end: sentence.end_ms, node: span });
    });
  });
  // headline sentences still count for highlighting: map them to their section heading
  data.segments.forEach(function (seg) {
    if (seg.kind !== "headline") return;
    var story = storyAt(seg.start_ms);
    var heading = story >= 0 ? document.querySelector("#story-" + (story + 1) + " h3") : null;
    if (!heading) return;
    heading.classList.add("sentence");
    heading.tabIndex = 0;
    heading.dataset.start = seg.start_ms;
    heading.addEventListener("click", function () { seek(seg.start_ms); });
    sentences.push({ start: seg.start_ms, end: seg.end_ms, node: heading });
  });
  sentences.sort(function (a, b) { return a.start - b.start; });

  var current = null, currentStory = -1;
  function update() {
    var ms = audio.currentTime * 1000;
    var found = null;
    for (var i = 0; i < sentences.length; i++) {
      if (ms >= sentences[i].start && ms < sentences[i].end) { found = sentences[i]; break; }
    }
    if (found !== current) {
      if (current) current.node.classList.remove("current");
      if (found) {
        found.node.classList.add("current");
        var box = found.node.getBoundingClientRect();
        if (!audio.paused && (box.top < 150 || box.bottom > window.innerHeight - 40)) {
          found.node.scrollIntoView({ block: "center", behavior: "smooth" });
        }
      }
      current = found;
    }
    var story = storyAt(ms);
    if (story !== currentStory) {
      if (currentStory >= 0) storyButtons[currentStory].classList.remove("current");
      if (story >= 0) storyButtons[story].classList.add("current");
      currentStory = story;
    }
  }
  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  function tick() { if (!audio.paused) { update(); requestAnimationFrame(tick); } }
  audio.addEventListener("play", function () { requestAnimationFrame(tick); });
  update();
})();
