fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(&p).unwrap();
    let (s, _) = echotrace_clean::decode_html(&b, None);
    let r = trafilatura::extract(&s, &trafilatura::Options::default().with_fallback(true)).unwrap();
    println!("{}", r.content_text);
    println!("=====COMMENTS\n{}", r.comments_text);
    println!("=====META {:?}", r.metadata);
}
